// Signals cells in share links and files: the Learn Signals tutorial round-trips within the link limit, and Signals
// settings that do not fit their kinds' schemas are refused, naming the cell and the field.
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, MAX_SHARE_CHARS, SHARE_PREFIX } from '../../../src/lib/notebook/share';
import { signalsTutorialNotebook } from '../../../src/lib/notebook/signalsTutorialNotebook';

const withCell = (fence: string, body: string) => `---\nformat: numerai-notebook 1\ntitle: "x"\n---\n\n\`\`\`${fence} cell id=a\n${body}\n\`\`\`\n`;
const linkOf = (text: string) => SHARE_PREFIX + Buffer.from(deflateSync(strToU8(text))).toString('base64url');

describe('Signals cells in share links', () => {
  it('the Learn Signals tutorial round-trips through a link shorter than the limit', () => {
    const nb = signalsTutorialNotebook('x', 0);
    const code = encodeShare(nb);
    expect(code.length).toBeLessThan(MAX_SHARE_CHARS);
    expect(decodeShare(SHARE_PREFIX + code)).toEqual({ title: nb.title, cells: nb.cells });
  });

  it('Signals settings out of range, of the wrong type or with unknown tournaments are refused', () => {
    expect(() => decodeShare(linkOf(withCell('numerai-signalsData', JSON.stringify({ name: 'signals', source: 'generated', tickers: 50 }))))).toThrow(/the signalsData cell's settings are not valid: tickers: Invalid value/);
    expect(() => decodeShare(linkOf(withCell('numerai-signalsScore', JSON.stringify({ name: 's', data: 'signals', predictions: ['q'], target: 'target', metrics: [], stakes: [{ model: 'q', stake: -5 }] }))))).toThrow(/stakes/);
    expect(() => decodeShare(linkOf(withCell('numerai-signalsChart', JSON.stringify({ source: 's', type: 'eraBars', metric: 'corr', models: [] }))))).toThrow(/metric: Invalid/);
    expect(() => decodeShare(linkOf(withCell('numerai-payout', JSON.stringify({ name: 'p', tournament: 'crypto', scores: 's', model: '', stake: 1, corrWeight: 0.3, mmcWeight: 0.8, threshold: 36000, totalAtRisk: 0, compound: true }))))).toThrow(/tournament: Invalid/);
  });
});
