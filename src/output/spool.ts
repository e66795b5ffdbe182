import type { TemporaryFile } from './write-file.js';

/**
 * Past this many UTF-16 code units a spool moves to its temporary file, and then writes to it
 * whenever it holds as many again: about one example-sized project of JSON. A table or SARIF of
 * a few projects makes no file, and a run of thousands holds little of its text at any time (1,000
 * projects of JSON peaked at 108 MiB with this, 125 MiB with four times as much, 158 MiB with
 * sixteen times: V8 grows its heap for the garbage of larger slices).
 */
export const spoolUnits = 64 * 1024;

/**
 * Text appended in order: held in memory while it is small, in a temporary file (made by `spill`
 * the first time it is needed) once it grows. What it holds is read back whole (`text`, while it
 * is in memory) or through its file (`file`, after `flush`).
 */
export class Spool {
  private pieces: string[] = [];
  private held = 0;
  private spilled: TemporaryFile | null = null;
  private folders: readonly string[] = [];

  constructor(private readonly spill: () => TemporaryFile, private readonly limit = spoolUnits) {}

  /** @throws the file system's error when the text cannot be written to the temporary file. */
  async append(text: string): Promise<void> {
    if (text === '') return;
    this.pieces.push(text);
    this.held += text.length;
    if (this.held >= this.limit) await this.flush();
  }

  /** Whether the text has gone to a temporary file. */
  get inFile(): boolean {
    return this.spilled !== null;
  }

  /** Moves what is held in memory to the temporary file, making it first if need be, and returns it. */
  async flush(): Promise<TemporaryFile> {
    if (!this.spilled) {
      this.spilled = this.spill();
      this.folders = this.spilled.madeFolders;
    }
    const text = this.pieces.join('');
    this.pieces = [];
    this.held = 0;
    await this.spilled.write(text);
    return this.spilled;
  }

  /** The text appended so far, when it is all in memory; null once it went to the temporary file. */
  text(): string | null {
    return this.spilled ? null : this.pieces.join('');
  }

  /**
   * Replaces the first text appended, `draft`, with `final`, which is as long in UTF-8: in the
   * temporary file it is overwritten where it lies (the caller checks the lengths).
   */
  replaceStart(draft: string, final: string): void {
    if (draft === final) return;
    if (this.spilled) this.spilled.overwriteStart(final);
    else if (this.pieces[0]?.startsWith(draft)) this.pieces[0] = `${final}${this.pieces[0].slice(draft.length)}`;
    else throw new Error('the draft of a head must be the first text of its spool');
  }

  /** Forgets the text and removes the temporary file; never throws. */
  discard(): void {
    this.pieces = [];
    this.held = 0;
    this.spilled?.discard();
    this.spilled = null;
  }

  /** The folders made for the temporary file (kept after `discard`), for a run that abandons its reports to remove. */
  madeFolders(): readonly string[] {
    return this.folders;
  }
}
