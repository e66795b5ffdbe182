import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { repoRoot } from './run-cli.js';

const bin = `${repoRoot}bin/aithreat.cjs`;

/**
 * A scripted editor: starts the built `aithreat lsp` over stdio and speaks to it through the
 * protocol client of vscode-languageserver, as an editor's client does.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiting: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly versions = new Map<string, number>();
  stderr = '';
  exitCode: Promise<number | null>;

  private constructor(readonly child: ChildProcessWithoutNullStreams, configuration: unknown) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exitCode = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, [...(this.diagnostics.get(params.uri) ?? []), params]);
      for (const w of [...this.waiting]) {
        if (w.uri === params.uri && w.test(params)) {
          this.waiting.splice(this.waiting.indexOf(w), 1);
          w.resolve(params);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', () => [configuration]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/showMessage', () => {});
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.listen();
  }

  /**
   * Starts the server with one workspace folder, and initializes it with these options; with
   * `configuration`, the client says it answers workspace/configuration, and answers with it.
   */
  static async start(folder: string, initializationOptions: Record<string, unknown> = {}, configuration?: Record<string, unknown>): Promise<LspClient> {
    const child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: folder, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    const client = new LspClient(child, configuration ?? null);
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'work' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, ...(configuration ? { workspace: { configuration: true } } : {}) },
      initializationOptions,
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Opens a file with the text it has on disk (or the text given), and waits for its diagnostics. */
  async open(path: string, text = readFileSync(path, 'utf8')): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    const published = this.next(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return (await published).diagnostics;
  }

  /** Replaces the whole text, and waits for the diagnostics of that version. */
  async change(path: string, text: string): Promise<Diagnostic[]> {
    return this.edit(path, [{ text }]);
  }

  /** Sends incremental changes, and waits for the diagnostics of that version. */
  async edit(path: string, changes: unknown[]): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path).href;
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.next(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return (await published).diagnostics;
  }

  request<R>(method: string, path: string, position: { line: number; character: number }, extra: Record<string, unknown> = {}): Promise<R> {
    return this.connection.sendRequest(method, { textDocument: { uri: pathToFileURL(path).href }, position, ...extra });
  }

  /** Diagnostics for a URI that pass a test: already published, or (`fresh`) only from now on. */
  waitFor(path: string, test: (p: PublishDiagnosticsParams) => boolean, fresh = false): Promise<PublishDiagnosticsParams> {
    const uri = pathToFileURL(path).href;
    const seen = fresh ? undefined : this.diagnostics.get(uri)?.find(test);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => this.waiting.push({ uri, test, resolve }));
  }

  private next(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiting.push({ uri, test: (p) => p.version === version, resolve }));
  }

  /** shutdown, then exit, as an editor closes; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exitCode;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
