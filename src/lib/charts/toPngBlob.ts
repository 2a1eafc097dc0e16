import { toSvgString } from './toSvgString';
import { themeVariables } from './theme';

/**
 * The chart as a PNG at `scale` × its size, on the theme background (browser only: it draws the SVG file of
 * toSvgString on a canvas). Rejects where there is no canvas to draw on (Node, jsdom).
 */
export async function toPngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const view = svg.ownerDocument.defaultView;
  if (!view || typeof view.createImageBitmap !== 'function' || typeof view.Image !== 'function')
    throw new Error('toPngBlob: needs a browser canvas; export the SVG (toSvgString) or the CSV instead');
  if (!(scale > 0)) throw new RangeError(`toPngBlob: invalid scale ${scale}`);
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([toSvgString(svg)], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new view.Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = svg.ownerDocument.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('toPngBlob: the browser gave no 2D canvas context');
    const bg = svg.isConnected ? view.getComputedStyle(svg).getPropertyValue('--np-chart-bg').trim() : '';
    ctx.fillStyle = bg || themeVariables['--np-chart-bg'];
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toPngBlob: the canvas gave no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
