// The CLI's progress bar for an import (issue 15): on standard error, and only when it is a terminal,
// so that output piped or written with --json stays as it was. Swedish, like the rest of the CLI.
import cliProgress from 'cli-progress';
import type { ImportProgress } from '../import/responses.ts';

const MiB = 1024 * 1024;

/** A progress callback for importResponses and the function that ends the bar (call it in finally). */
export function importProgressBar(stream: NodeJS.WriteStream = process.stderr): { onProgress?: (p: ImportProgress) => void; stop: () => void } {
  if (!stream.isTTY) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'Importerar {bar} {percentage} % | {mib} av {totalMib} MiB | {rows} rader kontrollerade, {written} sparade',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      clearOnComplete: false,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      const payload = { rows: p.rows.toLocaleString('sv-SE'), written: p.written.toLocaleString('sv-SE'), mib: (p.bytes / MiB).toFixed(1), totalMib: (p.totalBytes / MiB).toFixed(1) };
      if (!started) {
        bar.start(Math.max(1, p.totalBytes), 0, payload);
        started = true;
      }
      bar.update(p.phase === 'done' ? p.totalBytes : p.bytes, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
