import { connectTestWallet, expect, test, WEI, weiOf, walletLog } from './wallet/fixture';

test.describe('Stake page: wallet connection', () => {
  test('connects an EIP-6963 wallet and shows the network and balances', async ({ page, openStake, local }) => {
    const me = await openStake();
    await expect(page.getByTestId('wallet-test.e2e.wallet')).toHaveText('E2E Test Wallet');
    await expect(page.getByTestId('wallet-practice')).toBeVisible();
    await connectTestWallet(page);
    await expect(page.getByTestId('account')).toHaveAttribute('title', me.address);
    await expect(page.getByTestId('network')).toHaveAttribute('data-chain-id', '31337');
    await expect(page.getByTestId('network')).toContainText('Local anvil');
    expect(await weiOf(page, 'eth-balance')).toBe(await local.publicClient.getBalance({ address: me.address }));
    expect(await weiOf(page, 'tnmr-balance')).toBe(0n);
    expect(await weiOf(page, 'allowance')).toBe(0n);
    await expect(page.getByTestId('not-resolver')).toBeVisible();
    expect(await walletLog(page)).toContain('wallet_requestPermissions');
  });

  test('a rejected connection shows "cancelled" and stays disconnected', async ({ page, openStake }) => {
    await openStake({ reject: { connect: true } });
    await page.getByTestId('wallet-test.e2e.wallet').click();
    await expect(page.getByTestId('connect-error')).toHaveAttribute('data-kind', 'cancelled');
    await expect(page.getByTestId('connect-error')).toHaveText('Connection cancelled in the wallet.');
    await expect(page.getByTestId('account')).toHaveCount(0);
    // the user changes their mind
    await page.evaluate(() => (window.__E2E_WALLET__.reject = {}));
    await connectTestWallet(page);
  });

  test('a wallet on another network is offered a switch, then works', async ({ page, openStake }) => {
    await openStake({ chainId: 1 });
    await page.getByTestId('wallet-test.e2e.wallet').click();
    await expect(page.getByTestId('wrong-network')).toContainText('Your wallet is on chain 1, which the playground does not use.');
    await expect(page.getByTestId('tnmr-balance')).toHaveCount(0);
    await page.getByTestId('switch-31337').click();
    await expect(page.getByTestId('network')).toHaveAttribute('data-chain-id', '31337');
    await expect(page.getByTestId('wrong-network')).toHaveCount(0);
    expect(await weiOf(page, 'tnmr-balance')).toBe(0n);
    expect(await walletLog(page)).toContain('wallet_switchEthereumChain');
  });

  test('the faucet drips exactly 100 tNMR, then shows its cooldown', async ({ page, openStake, local }) => {
    const me = await openStake();
    await connectTestWallet(page);
    await page.getByTestId('faucet').click();
    await expect(page.getByTestId('action-status')).toHaveAttribute('data-status', 'confirmed');
    await expect.poll(() => weiOf(page, 'tnmr-balance')).toBe(100n * WEI);
    expect(await local.tnmrOf(me.address)).toBe(100n * WEI);
    await expect(page.getByTestId('faucet')).toBeDisabled();
    await expect(page.getByTestId('faucet-cooldown')).toContainText(/Next drip in 23 h 5\d min|Next drip in 1 d 0 h/);
    await expect(page.getByTestId('history').locator('[data-kind="faucet"]')).toContainText('Faucet: +100 tNMR');
  });

  test('missing gas money is said before the wallet opens', async ({ page, openStake, local }) => {
    const me = await openStake({ account: 3 });
    await local.testClient.setBalance({ address: me.address, value: 0n });
    await connectTestWallet(page);
    await expect(page.getByTestId('no-gas')).toContainText('This account has no ETH to pay for gas.');
    await page.getByTestId('faucet').click();
    await expect(page.getByTestId('action-status')).toHaveAttribute('data-status', 'failed');
    await expect(page.getByTestId('tx-error')).toHaveText(/^This needs about [\d.]+ ETH for gas; the account has 0\.$/);
    expect(await walletLog(page)).not.toContain('eth_sendTransaction');
  });
});
