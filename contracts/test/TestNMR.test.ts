import { describe, expect, it } from 'vitest';
import { encodeDeployData, maxUint256, zeroAddress, type Hash } from 'viem';
import { testNmrAbi, testNmrBytecode } from '../../src/lib/staking/generated/contracts';
import { signPermit } from '../../src/lib/staking/permit';
import { ROLES } from '../../src/lib/staking/roles';
import { startAnvil } from './anvil';
import { accounts, createClients, eventsOf, expectRevert, START_BALANCE, TNMR, useStakingChain } from './fixture';

const COOLDOWN = 3_600n;
const chain = useStakingChain({ faucet: { amount: 100n * TNMR, cooldown: COOLDOWN, maxBalance: 1_000n * TNMR } });
const { admin, alice, bob, mallory } = accounts;

describe('TestNMR metadata', () => {
  it('is "Test Numeraire" (tNMR) with 18 decimals and the faucet parameters given to the constructor', async () => {
    const token = chain.token(alice);
    expect(await token.read.name()).toBe('Test Numeraire');
    expect(await token.read.symbol()).toBe('tNMR');
    expect(await token.read.decimals()).toBe(18);
    expect(await token.read.faucetAmount()).toBe(100n * TNMR);
    expect(await token.read.faucetCooldown()).toBe(COOLDOWN);
    expect(await token.read.faucetMaxBalance()).toBe(1_000n * TNMR);
  });

  it('eip712Domain() exposes name "Test Numeraire", version "1", the chain id and the token address', async () => {
    const [, name, version, chainId, verifyingContract] = await chain.token(alice).read.eip712Domain();
    expect({ name, version, chainId, verifyingContract }).toEqual({
      name: 'Test Numeraire',
      version: '1',
      chainId: 31337n,
      verifyingContract: chain.deployment.contracts.testNmr
    });
  });
});

describe('TestNMR constructor', () => {
  const deployCall = (args: readonly [`0x${string}`, number, readonly `0x${string}`[], bigint, bigint, bigint]) =>
    chain.publicClient.call({
      account: admin,
      data: encodeDeployData({ abi: testNmrAbi, bytecode: testNmrBytecode, args })
    });

  it('constructor(admin = 0x0, …) reverts with AccessControlInvalidDefaultAdmin(0x0)', async () => {
    await expectRevert(deployCall([zeroAddress, 0, [], 1n, 0n, 1n]), 'AccessControlInvalidDefaultAdmin', [zeroAddress]);
  });

  it('constructor(…, minters containing 0x0, …) reverts with TestNMRInvalidMinter(0x0)', async () => {
    await expectRevert(deployCall([admin.address, 0, [bob.address, zeroAddress], 1n, 0n, 1n]), 'TestNMRInvalidMinter', [zeroAddress]);
  });

  it('constructor(…, amount = 0, …) reverts with TestNMRInvalidFaucetConfig(amount, cooldown, maxBalance)', async () => {
    await expectRevert(deployCall([admin.address, 0, [], 0n, 60n, 10n]), 'TestNMRInvalidFaucetConfig', [0n, 60n, 10n]);
  });

  it('constructor(…, amount > maxBalance) reverts with TestNMRInvalidFaucetConfig', async () => {
    await expectRevert(deployCall([admin.address, 0, [], 11n, 60n, 10n]), 'TestNMRInvalidFaucetConfig', [11n, 60n, 10n]);
  });

  it('the deploy gives the admin DEFAULT_ADMIN_ROLE and MINTER_ROLE to NMRStaking and the named test minter only', async () => {
    const token = chain.token(alice);
    expect(await token.read.defaultAdmin()).toBe(admin.address);
    expect(await token.read.hasRole([ROLES.DEFAULT_ADMIN, alice.address])).toBe(false);
    expect(chain.deployment.parameters.minters).toEqual([chain.deployment.contracts.nmrStaking, admin.address]);
    expect(await token.read.hasRole([ROLES.MINTER, chain.deployment.contracts.nmrStaking])).toBe(true);
    expect(await token.read.hasRole([ROLES.MINTER, admin.address])).toBe(true);
    expect(await token.read.hasRole([ROLES.MINTER, alice.address])).toBe(false);
  });
});

describe('TestNMR faucet()', () => {
  const fresh = accounts.resolver; // holds no tNMR

  it('faucet() mints 100 tNMR and emits FaucetDrip(to, amount, now + cooldown)', async () => {
    const receipt = await chain.mined(chain.token(fresh).write.faucet());
    const { timestamp } = await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber });
    expect(eventsOf(receipt, testNmrAbi, 'FaucetDrip')).toEqual([
      { to: fresh.address, amount: 100n * TNMR, nextAllowedAt: timestamp + COOLDOWN }
    ]);
    expect(await chain.token(fresh).read.balanceOf([fresh.address])).toBe(100n * TNMR);
    expect(await chain.token(fresh).read.faucetNextAllowedAt([fresh.address])).toBe(timestamp + COOLDOWN);
  });

  it('faucetNextAllowedAt(account) is 0 for an address that never used the faucet', async () => {
    expect(await chain.token(fresh).read.faucetNextAllowedAt([fresh.address])).toBe(0n);
  });

  it('faucet() again before nextAllowedAt reverts with TestNMRFaucetCooldown(nextAllowedAt), at nextAllowedAt succeeds', async () => {
    const token = chain.token(fresh);
    await chain.mined(token.write.faucet());
    const next = await token.read.faucetNextAllowedAt([fresh.address]);
    await chain.mineAt(next - 1n);
    await expectRevert(token.simulate.faucet(), 'TestNMRFaucetCooldown', [next]);
    await chain.nextBlockAt(next);
    await chain.mined(token.write.faucet({ gas: 200_000n }));
    expect(await token.read.balanceOf([fresh.address])).toBe(200n * TNMR);
  });

  it('faucet() with a balance at the cap reverts with TestNMRFaucetBalanceTooHigh(balance, cap)', async () => {
    // alice holds START_BALANCE (10 000 tNMR) >= 1 000 tNMR
    await expectRevert(chain.token(alice).simulate.faucet(), 'TestNMRFaucetBalanceTooHigh', [START_BALANCE, 1_000n * TNMR]);
  });

  it('faucet() with a balance exactly at the cap reverts with TestNMRFaucetBalanceTooHigh(cap, cap)', async () => {
    await chain.mined(chain.token(admin).write.mint([fresh.address, 1_000n * TNMR]));
    await expectRevert(chain.token(fresh).simulate.faucet(), 'TestNMRFaucetBalanceTooHigh', [1_000n * TNMR, 1_000n * TNMR]);
  });

  it('faucet() with a balance just under the cap still drips, which may end above the cap', async () => {
    await chain.mined(chain.token(admin).write.mint([fresh.address, 1_000n * TNMR - 1n]));
    await chain.mined(chain.token(fresh).write.faucet());
    expect(await chain.token(fresh).read.balanceOf([fresh.address])).toBe(1_100n * TNMR - 1n);
  });

  it('faucet() cooldowns are per address: one address dripping does not block another', async () => {
    await chain.mined(chain.token(fresh).write.faucet());
    await chain.mined(chain.token(accounts.pauser).write.faucet());
    expect(await chain.token(fresh).read.balanceOf([accounts.pauser.address])).toBe(100n * TNMR);
  });
});

describe('TestNMR faucet() on a chain whose clock reads 0', () => {
  it('faucet() twice at block.timestamp 0 reverts the second time with TestNMRFaucetCooldown(cooldown)', async () => {
    const anvil = await startAnvil(['--timestamp', '0']);
    try {
      const { publicClient, testClient, walletOf } = createClients(anvil.rpcUrl);
      const wallet = walletOf(alice);
      const atZero = async (hash: Promise<Hash>) => {
        const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
        expect(receipt.status).toBe('success');
        expect((await publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp).toBe(0n);
        return receipt;
      };
      await testClient.setNextBlockTimestamp({ timestamp: 0n });
      const deployed = await atZero(
        wallet.deployContract({ abi: testNmrAbi, bytecode: testNmrBytecode, args: [admin.address, 0, [], TNMR, COOLDOWN, 10n * TNMR] })
      );
      const address = deployed.contractAddress;
      if (!address) throw new Error('no contract address');
      await testClient.setNextBlockTimestamp({ timestamp: 0n });
      await atZero(wallet.writeContract({ address, abi: testNmrAbi, functionName: 'faucet', gas: 200_000n }));
      await expectRevert(
        wallet.simulateContract({ address, abi: testNmrAbi, functionName: 'faucet' }),
        'TestNMRFaucetCooldown',
        [COOLDOWN]
      );
    } finally {
      await anvil.stop();
    }
  });
});

describe('TestNMR mint(to, amount)', () => {
  it('mint(to, amount) by a MINTER_ROLE holder increases the balance and the supply', async () => {
    const token = chain.token(admin);
    const supply = await token.read.totalSupply();
    await chain.mined(token.write.mint([bob.address, 5n]));
    expect(await token.read.balanceOf([bob.address])).toBe(START_BALANCE + 5n);
    expect(await token.read.totalSupply()).toBe(supply + 5n);
  });

  it('mint(to, amount) without MINTER_ROLE reverts with AccessControlUnauthorizedAccount(caller, MINTER_ROLE)', async () => {
    await expectRevert(chain.token(mallory).simulate.mint([mallory.address, 1n]), 'AccessControlUnauthorizedAccount', [
      mallory.address,
      ROLES.MINTER
    ]);
  });

  it('grantRole(MINTER_ROLE, x) and revokeRole(MINTER_ROLE, x) revert with TestNMRMintersFixed(), even for the admin', async () => {
    await expectRevert(chain.token(admin).simulate.grantRole([ROLES.MINTER, bob.address]), 'TestNMRMintersFixed');
    await expectRevert(chain.token(admin).simulate.revokeRole([ROLES.MINTER, chain.deployment.contracts.nmrStaking]), 'TestNMRMintersFixed');
    await expectRevert(chain.token(mallory).simulate.grantRole([ROLES.MINTER, mallory.address]), 'TestNMRMintersFixed');
  });

  it('grantRole(DEFAULT_ADMIN_ROLE, x) reverts with AccessControlEnforcedDefaultAdminRules(): the admin moves in two steps, as in NMRStaking', async () => {
    await expectRevert(chain.token(admin).simulate.grantRole([ROLES.DEFAULT_ADMIN, bob.address]), 'AccessControlEnforcedDefaultAdminRules');
    await chain.mined(chain.token(admin).write.beginDefaultAdminTransfer([bob.address]));
    await chain.travel(1n);
    await chain.mined(chain.token(bob).write.acceptDefaultAdminTransfer());
    expect(await chain.token(bob).read.defaultAdmin()).toBe(bob.address);
    // the new admin still cannot hand out the minter role
    await expectRevert(chain.token(bob).simulate.grantRole([ROLES.MINTER, bob.address]), 'TestNMRMintersFixed');
  });

  it('grantRole(other role, x) by a non-admin reverts with AccessControlUnauthorizedAccount(caller, 0x00)', async () => {
    const role = ROLES.PAUSER;
    await expectRevert(chain.token(mallory).simulate.grantRole([role, mallory.address]), 'AccessControlUnauthorizedAccount', [
      mallory.address,
      ROLES.DEFAULT_ADMIN
    ]);
  });
});

describe('TestNMR burn and permit', () => {
  it('burn(value) destroys the caller\'s tokens; burnFrom(account, value) needs an allowance', async () => {
    const supply = await chain.token(alice).read.totalSupply();
    await chain.mined(chain.token(alice).write.burn([3n * TNMR]));
    expect(await chain.token(alice).read.balanceOf([alice.address])).toBe(START_BALANCE - 3n * TNMR);
    expect(await chain.token(alice).read.totalSupply()).toBe(supply - 3n * TNMR);
    await expectRevert(chain.token(bob).simulate.burnFrom([alice.address, 1n]), 'ERC20InsufficientAllowance', [
      bob.address,
      0n,
      1n
    ]);
    await chain.mined(chain.token(alice).write.approve([bob.address, 1n]));
    await chain.mined(chain.token(bob).write.burnFrom([alice.address, 1n]));
    expect(await chain.token(alice).read.balanceOf([alice.address])).toBe(START_BALANCE - 3n * TNMR - 1n);
  });

  it('permit(owner, spender, value, deadline, v, r, s) with a signature from signPermit sets the allowance and uses the nonce', async () => {
    const deadline = (await chain.now()) + 3_600n;
    const sig = await signPermit(chain.walletOf(alice), chain.publicClient, {
      token: chain.deployment.contracts.testNmr,
      spender: bob.address,
      value: maxUint256,
      deadline
    });
    await chain.mined(
      chain.token(mallory).write.permit([alice.address, bob.address, maxUint256, deadline, sig.v, sig.r, sig.s])
    );
    expect(await chain.token(alice).read.allowance([alice.address, bob.address])).toBe(maxUint256);
    expect(await chain.token(alice).read.nonces([alice.address])).toBe(1n);
  });

  it('permit(…) after its deadline reverts with ERC2612ExpiredSignature(deadline)', async () => {
    const deadline = (await chain.now()) + 10n;
    const sig = await signPermit(chain.walletOf(alice), chain.publicClient, {
      token: chain.deployment.contracts.testNmr,
      spender: bob.address,
      value: 1n,
      deadline
    });
    await chain.mineAt(deadline + 1n);
    await expectRevert(
      chain.token(bob).simulate.permit([alice.address, bob.address, 1n, deadline, sig.v, sig.r, sig.s]),
      'ERC2612ExpiredSignature',
      [deadline]
    );
  });
});
