import { writeFileSync } from 'node:fs';

/** One bar: its label, value, and whether it is the app (or a baseline). */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly app: boolean;
}

const WIDTH = 720;
const PANEL_HEIGHT = 200;
const LEFT = 170;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One horizontal bar chart, its bars scaled to the largest value. */
function panel(title: string, unit: string, bars: readonly Bar[], top: number): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rowHeight = (PANEL_HEIGHT - 40) / Math.max(1, bars.length);
  const rows = bars.map((bar, index) => {
    const y = top + 30 + index * rowHeight;
    const width = ((WIDTH - LEFT - 90) * bar.value) / max;
    const fill = bar.app ? '#0969da' : '#8c959f';
    return (
      `<text x="${LEFT - 8}" y="${y + rowHeight / 2 + 4}" text-anchor="end">${escapeXml(bar.label)}</text>` +
      `<rect x="${LEFT}" y="${y + 3}" width="${width.toFixed(1)}" height="${(rowHeight - 6).toFixed(1)}" fill="${fill}"/>` +
      `<text x="${LEFT + width + 6}" y="${y + rowHeight / 2 + 4}">${bar.value} ${unit}</text>`
    );
  });
  return `<text x="10" y="${top + 18}" font-weight="bold">${escapeXml(title)}</text>${rows.join('')}`;
}

/** Writes an SVG with one panel per measure: blue bars are the app, grey bars its baselines. */
export function writePlot(
  file: string,
  panels: readonly { title: string; unit: string; bars: readonly Bar[] }[],
): void {
  const height = panels.length * PANEL_HEIGHT + 10;
  const body = panels.map((item, index) =>
    panel(item.title, item.unit, item.bars, index * PANEL_HEIGHT),
  );
  writeFileSync(
    file,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" ` +
      `font-family="system-ui, sans-serif" font-size="13">` +
      `<rect width="100%" height="100%" fill="#ffffff"/>${body.join('')}</svg>\n`,
  );
}
