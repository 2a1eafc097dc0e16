import { describe, expect, it } from 'vitest';
import { builtDeployment, LOCAL_OVERRIDE_KEY, localOverride } from '../../../src/lib/staking/deploymentFor';

const deployment = {
  chainId: 31337,
  deployer: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  deployBlock: 1,
  contracts: { testNmr: '0x5FbDB2315678afecb367f032d93F642f64180aa3', nmrStaking: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' }
};
const store = (value: unknown) => ({ getItem: (k: string) => (k === LOCAL_OVERRIDE_KEY ? JSON.stringify(value) : null) });

describe('deploymentFor', () => {
  it('builtDeployment(id) is undefined for a network without deployments/<id>.json', () => {
    expect(builtDeployment(11155111)).toBeUndefined();
    expect(builtDeployment(424242)).toBeUndefined();
  });

  it('localOverride() accepts a well-formed 31337 deployment on a loopback URL only', () => {
    expect(localOverride(store({ rpcUrl: 'http://127.0.0.1:9545', deployment }))).toEqual({ rpcUrl: 'http://127.0.0.1:9545', deployment });
    expect(localOverride(store({ rpcUrl: 'https://evil.example', deployment }))).toBeUndefined();
    expect(localOverride(store({ rpcUrl: 'http://localhost:8545', deployment: { ...deployment, chainId: 11155111 } }))).toBeUndefined();
    expect(localOverride(store({ rpcUrl: 'http://localhost:8545', deployment: { ...deployment, contracts: { testNmr: 'nope' } } }))).toBeUndefined();
    expect(localOverride({ getItem: () => '{bad json' })).toBeUndefined();
    expect(localOverride(undefined)).toBeUndefined();
  });
});
