import { constants } from 'node:os';
import { rmSync } from 'node:fs';

/**
 * The temporary files this run has open, and the one signal handler that removes them. A report
 * is written to a temporary file beside its target and renamed over it when whole (write-file.ts);
 * an interrupt (SIGINT from Ctrl-C, SIGTERM from a CI runner cancelling a job, SIGHUP from a
 * closed terminal) in between would otherwise leave that file behind, up to the size of a report.
 *
 * The handler is installed when the first temporary file is made, so that until then a signal
 * stops the run as it always does. It removes only the files registered here, by their exact
 * names: never a file of another run (another run's temporary cannot be told from an abandoned
 * one, as a process id means nothing in another PID namespace or on another host sharing the
 * folder). Then it raises the signal again with the default action, so the run ends the
 * conventional way (the shell sees 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).
 */
const live = new Set<string>();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

export function trackTemporary(path: string): void {
  if (!installed) {
    installed = true;
    for (const signal of signals) process.on(signal, onSignal);
  }
  live.add(path);
}

export function releaseTemporary(path: string): void {
  live.delete(path);
}

function onSignal(signal: NodeJS.Signals): void {
  for (const path of live) rmSync(path, { force: true });
  live.clear();
  for (const each of signals) process.removeListener(each, onSignal);
  installed = false;
  process.kill(process.pid, signal);
  // Should the signal not end the process (it is blocked, say), end it with the code a shell would show.
  setTimeout(() => process.exit(128 + constants.signals[signal]), 1000).unref();
}
