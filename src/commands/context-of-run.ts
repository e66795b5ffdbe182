import { loadAssessmentContext, type AssessmentContext, type ContextFlags, type LoadedContext } from '../assess/context.js';
import { loadConfig } from '../config/load.js';
import { ExitCode, type Io } from '../io.js';
import { formatProblems } from '../problem.js';

/**
 * The assessment context of a command that is not `assess`: `.aithreatrc.yaml` and the flags, or
 * exit code 2 with every problem on stderr. (`assess` reads the configuration for more, in
 * assess-workflow.ts, and loads the context itself.)
 */
export async function contextOfRun(io: Io, flags: ContextFlags, needs: 'catalog' | 'assessment'): Promise<{ ok: true; context: AssessmentContext } | { ok: false; exitCode: number }> {
  const loaded = await loadContextOfRun(io.cwd, flags, needs);
  if (loaded.ok) return loaded;
  io.stderr(formatProblems(loaded.problems));
  return { ok: false, exitCode: ExitCode.inputError };
}

/** The same, with the problems returned for the command to print in its own format. */
export async function loadContextOfRun(cwd: string, flags: ContextFlags, needs: 'catalog' | 'assessment'): Promise<LoadedContext> {
  const configured = loadConfig(cwd, { followSymlinks: flags.followSymlinks });
  return configured.ok ? loadAssessmentContext(cwd, configured.config, flags, needs) : configured;
}
