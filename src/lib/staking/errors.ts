import { PlaygroundError } from '../errors';

/** The account lacks the ETH to pay for a transaction's gas; said before the wallet opens. */
export class InsufficientGasError extends PlaygroundError {
  override name = 'InsufficientGasError';
}

/** The account holds fewer tNMR than the action needs. */
export class InsufficientTokenError extends PlaygroundError {
  override name = 'InsufficientTokenError';
}

/** The contracts are not deployed on the wallet's network, or it is not a network the playground knows. */
export class NotDeployedError extends PlaygroundError {
  override name = 'NotDeployedError';
}

/** A transaction was mined but reverted. */
export class TransactionRevertedError extends PlaygroundError {
  override name = 'TransactionRevertedError';
}

/** The in-browser practice chain failed to start or to answer. */
export class PracticeChainError extends PlaygroundError {
  override name = 'PracticeChainError';
}
