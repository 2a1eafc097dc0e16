/**
 * The practice wallet in Node: tevm with the contracts deployed, driven the way wagmi drives an injected wallet
 * (viem clients over `custom(provider)` with a JSON-RPC account), including the tevm workarounds.
 */
import { createPublicClient, createWalletClient, custom, parseEventLogs, type Address } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { explainError } from '../../../src/lib/staking/explainError';
import { nmrStakingAbi, testNmrAbi } from '../../../src/lib/staking/generated/contracts';
import { modelIdOf } from '../../../src/lib/staking/modelId';
import { practiceChain } from '../../../src/lib/staking/practiceChain';
import { checkTypedData, createPracticeProvider, PRACTICE_TIMING, type PracticeProvider } from '../../../src/lib/staking/practiceProvider';
import { QUICK_TIMING } from '../../../src/lib/staking/deploy';
import { PERMIT_TYPES } from '../../../src/lib/staking/permit';
import { practiceKey, PRACTICE_KEY_STORAGE } from '../../../src/lib/staking/practiceKey';
import { ROLES } from '../../../src/lib/staking/roles';

const WEI = 10n ** 18n;
const NUMERAI = 0;
/** Rounds resolvable at once, so the test need not wait: the page's chain uses PRACTICE_TIMING (10 s). */
const TEST_TIMING = { roundPeriod: 5n, resolutionDelay: 0n, resolutionWindow: 60n, releaseDelay: 60n };
let provider: PracticeProvider;
let me: Address;

function clients() {
  const transport = custom(provider);
  return {
    pub: createPublicClient({ chain: practiceChain, transport, pollingInterval: 20 }),
    wallet: createWalletClient({ chain: practiceChain, transport, account: me })
  };
}

describe('createPracticeProvider', () => {
  beforeAll(async () => {
    provider = await createPracticeProvider({ key: practiceKey(undefined), timing: TEST_TIMING });
    [me] = (await provider.request({ method: 'eth_requestAccounts' })) as Address[];
  }, 60_000);

  it('practiceKey(storage) generates one throwaway key per browser and keeps it', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    const key = practiceKey(storage);
    expect(key).toMatch(/^0x[0-9a-f]{64}$/);
    expect(practiceKey(storage)).toBe(key);
    expect([...map.keys()]).toEqual([PRACTICE_KEY_STORAGE]);
  });

  it('answers wallet methods: chain 900, accounts, permissions, refusing other chains', async () => {
    expect(me).toBe(provider.account);
    expect(await provider.request({ method: 'eth_chainId' })).toBe('0x384');
    await expect(provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] })).rejects.toMatchObject({ code: 4902 });
    const { pub } = clients();
    expect(await pub.readContract({ address: provider.deployment.contracts.nmrStaking, abi: nmrStakingAbi, functionName: 'hasRole', args: [ROLES.RESOLVER, me] })).toBe(true);
    expect(await pub.readContract({ address: provider.deployment.contracts.nmrStaking, abi: nmrStakingAbi, functionName: 'releaseDelay' })).toBe(60n);
    expect(PRACTICE_TIMING).toEqual(QUICK_TIMING);
  });

  it('faucet → stake with permit → resolve, with receipts that carry a status and a decoded cooldown error', async () => {
    const { pub, wallet } = clients();
    const { testNmr, nmrStaking } = provider.deployment.contracts;
    const faucet = await pub.simulateContract({ account: me, address: testNmr, abi: testNmrAbi, functionName: 'faucet' });
    const hash = await wallet.writeContract(faucet.request);
    const receipt = await pub.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
    expect(parseEventLogs({ abi: testNmrAbi, logs: receipt.logs, eventName: 'FaucetDrip' })[0].args.amount).toBe(100n * WEI);

    const again = await pub.simulateContract({ account: me, address: testNmr, abi: testNmrAbi, functionName: 'faucet' }).catch((e: unknown) => e);
    expect(explainError(again)).toMatchObject({ kind: 'reverted', errorName: 'TestNMRFaucetCooldown' });

    // permit signed through eth_signTypedData_v4, then one stakeWithPermit transaction
    const { signPermit } = await import('../../../src/lib/staking/permit');
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 600);
    const sig = await signPermit(wallet as never, pub as never, { token: testNmr, spender: nmrStaking, value: 40n * WEI, deadline });
    const model = modelIdOf('model_a');
    const stake = await pub.simulateContract({ account: me, address: nmrStaking, abi: nmrStakingAbi, functionName: 'stakeWithPermit', args: [NUMERAI, model, 40n * WEI, sig.deadline, sig.v, sig.r, sig.s] });
    expect((await pub.waitForTransactionReceipt({ hash: await wallet.writeContract(stake.request) })).status).toBe('success');

    const open = await pub.simulateContract({ account: me, address: nmrStaking, abi: nmrStakingAbi, functionName: 'openRound', args: [NUMERAI] });
    expect(open.result).toBe(1n);
    expect((await pub.waitForTransactionReceipt({ hash: await wallet.writeContract(open.request) })).status).toBe('success');
    const resolve = await pub.simulateContract({ account: me, address: nmrStaking, abi: nmrStakingAbi, functionName: 'resolveRound', args: [1n, 0n, [me], [model], [-250n]] });
    const resolved = await pub.waitForTransactionReceipt({ hash: await wallet.writeContract(resolve.request) });
    const [event] = parseEventLogs({ abi: nmrStakingAbi, logs: resolved.logs, eventName: 'StakeResolved' });
    expect({ atRisk: event.args.atRisk, delta: event.args.delta }).toEqual({ atRisk: 40n * WEI, delta: -1n * WEI });
    const position = await pub.readContract({ address: nmrStaking, abi: nmrStakingAbi, functionName: 'positionOf', args: [NUMERAI, model, me] });
    expect(position.active).toBe(39n * WEI);

    const logs = await pub.getContractEvents({ address: nmrStaking, abi: nmrStakingAbi, eventName: 'StakeIncreased', args: { staker: me }, fromBlock: 0n });
    expect(logs.map((l) => l.args.amount)).toEqual([40n * WEI]);
  }, 60_000);

  it('a reverting transaction sent without simulation gets receipt status "reverted"', async () => {
    const { pub, wallet } = clients();
    const hash = await wallet.writeContract({ address: provider.deployment.contracts.nmrStaking, abi: nmrStakingAbi, functionName: 'withdrawReleased', args: [NUMERAI, modelIdOf('nothing')], gas: 200_000n, account: me, chain: practiceChain });
    expect((await pub.waitForTransactionReceipt({ hash })).status).toBe('reverted');
  }, 30_000);

  it('calls see the current time (an empty block is mined when the last one is stale), so a matured release withdraws', async () => {
    // 5 s leaves a margin for the "not yet" check on a busy machine (2 s was once too short in CI)
    const quick = await createPracticeProvider({ key: practiceKey(undefined), timing: { roundPeriod: 1n, resolutionDelay: 0n, resolutionWindow: 5n, releaseDelay: 5n } });
    const [owner] = (await quick.request({ method: 'eth_requestAccounts' })) as Address[];
    const transport = custom(quick);
    const pub = createPublicClient({ chain: practiceChain, transport, pollingInterval: 20 });
    const wallet = createWalletClient({ chain: practiceChain, transport, account: owner });
    const { testNmr, nmrStaking } = quick.deployment.contracts;
    const send = async (request: Parameters<typeof wallet.writeContract>[0]) =>
      expect((await pub.waitForTransactionReceipt({ hash: await wallet.writeContract(request) })).status).toBe('success');
    const model = modelIdOf('quick');
    await send((await pub.simulateContract({ account: owner, address: testNmr, abi: testNmrAbi, functionName: 'faucet' })).request);
    await send((await pub.simulateContract({ account: owner, address: testNmr, abi: testNmrAbi, functionName: 'approve', args: [nmrStaking, 5n * WEI] })).request);
    await send((await pub.simulateContract({ account: owner, address: nmrStaking, abi: nmrStakingAbi, functionName: 'stake', args: [NUMERAI, model, 5n * WEI] })).request);
    await send((await pub.simulateContract({ account: owner, address: nmrStaking, abi: nmrStakingAbi, functionName: 'requestRelease', args: [NUMERAI, model, 5n * WEI] })).request);
    const early = await pub.simulateContract({ account: owner, address: nmrStaking, abi: nmrStakingAbi, functionName: 'withdrawReleased', args: [NUMERAI, model] }).catch((e: unknown) => e);
    expect(explainError(early).errorName).toBe('NMRStakingReleaseNotReady');
    await new Promise((r) => setTimeout(r, 6_100)); // no transaction meanwhile: the latest block is 6 s old
    await send((await pub.simulateContract({ account: owner, address: nmrStaking, abi: nmrStakingAbi, functionName: 'withdrawReleased', args: [NUMERAI, model] })).request);
    expect(await pub.readContract({ address: testNmr, abi: testNmrAbi, functionName: 'balanceOf', args: [owner] })).toBe(100n * WEI);
  }, 60_000);

  it('signs typed data only for this app: a permit to NMRStaking on the practice chain; another chain, contract, spender, owner or signer is refused with 4100', async () => {
    const { testNmr, nmrStaking } = provider.deployment.contracts;
    const permit = (domain: Record<string, unknown>, message: Record<string, unknown> = {}) => ({
      domain: { name: 'Test Numeraire', version: '1', chainId: 900, verifyingContract: testNmr, ...domain },
      types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], ...PERMIT_TYPES },
      primaryType: 'Permit',
      message: { owner: me, spender: nmrStaking, value: '1', nonce: '0', deadline: '9999999999', ...message }
    });
    const sign = (typed: unknown, signer: string = me) => provider.request({ method: 'eth_signTypedData_v4', params: [signer, JSON.stringify(typed)] });
    expect(await sign(permit({}))).toMatch(/^0x[0-9a-f]{130}$/);
    const other = '0x000000000000000000000000000000000000dEaD';
    const cases: [Promise<unknown>, string][] = [
      [sign(permit({ chainId: 1 })), 'it signs only for the practice chain (900), not for chain 1.'],
      [sign(permit({ chainId: undefined })), 'it signs only for the practice chain (900), not for chain undefined.'],
      [sign(permit({ verifyingContract: other })), `${other} is not one of this app's contracts.`],
      [sign(permit({}, { spender: other })), `a permit may only let NMRStaking spend, not ${other}.`],
      [sign(permit({}, { owner: other })), `the permit's owner ${other} is not the practice account.`],
      [sign(permit({}), other), `it holds ${me}, not ${other}.`],
      [provider.request({ method: 'eth_signTypedData_v4', params: [me, '{not json'] }), 'the typed data is not valid JSON.']
    ];
    for (const [call, why] of cases) await expect(call).rejects.toMatchObject({ code: 4100, message: `The practice wallet refused to sign: ${why}` });
    for (const method of ['personal_sign', 'eth_sign', 'eth_signTransaction', 'eth_signTypedData_v3']) {
      await expect(provider.request({ method, params: ['0x00', me] })).rejects.toMatchObject({ code: 4100 });
    }
    // the checker alone: the same rules, for a deployment passed in
    expect(() => checkTypedData([me, permit({ verifyingContract: nmrStaking })], me, provider.deployment)).not.toThrow();
  });
});
