import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Document } from 'yaml';
import { isInside } from '../load/read-scope.js';
import { displayPath } from '../validate/load-project.js';
import { analyse, type Analysis } from './analyse.js';
import { codeActionsFor } from './code-actions.js';
import { completionsAt } from './completion.js';
import { tolerantParse } from './cursor.js';
import { definitionAt } from './definition.js';
import { documentKind, type DocumentKind } from './document-kind.js';
import { loadFolderContext, type FolderContext } from './folder-context.js';
import { hoverAt } from './hover.js';
import { problemDiagnostic } from './diagnostics.js';
import { readSettings, type ServerSettings } from './settings.js';

/** Problems the loader refuses a file for before it has a tree: hover and completion then stay silent too. */
const refusedWhole = new Set(['file-too-large', 'binary-file', 'not-utf8', 'nesting-limit', 'alias-limit', 'collection-limit']);

/** The longest a change waits for the next keystroke before it is checked: a burst of typing is checked once. */
const maxDebounceMs = 250;

interface Checked {
  version: number;
  /** Null for YAML the server does not check (a catalog or rule file): it only shows the folder's problems in it. */
  kind: DocumentKind | null;
  analysis: Analysis;
  folder: FolderContext;
  tree?: Document | null;
}

/**
 * `aithreat lsp`: the language server over the given streams (standard input and output). It
 * reads the documents the editor sends, and from disk only each workspace folder's configuration,
 * policy and organisation's folders, through the one reader; it writes no file. It runs until the
 * editor says `exit` (exit code 0 after `shutdown`, else 1) or closes its input.
 */
export function startLanguageServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Connection {
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  const checked = new Map<string, Checked>();
  const timers = new Map<string, NodeJS.Timeout>();
  const cost = new Map<string, number>();
  const folders = new Map<string, Promise<FolderContext>>();
  /** Per folder, the files outside the editor that its context's problems were published to. */
  const published = new Map<string, Set<string>>();
  let roots: string[] = [];
  let settings: ServerSettings = {};
  /** What the initialization options set: the editor's settings, when it has them, win over each. */
  let initialSettings: Record<string, unknown> = {};
  let canAskConfiguration = false;
  let canWatch = false;
  let canRegisterConfiguration = false;

  const pathOf = (uri: string): string | null => {
    try {
      return uri.startsWith('file:') ? fileURLToPath(uri) : null;
    } catch {
      return null;
    }
  };
  // A document belongs to the innermost workspace folder holding it; one outside all of them is
  // checked as a run in its own folder would check it.
  const rootOf = (path: string | null): string => {
    const holding = path === null ? [] : roots.filter((root) => isInside(path, root)).sort((a, b) => b.length - a.length);
    return holding[0] ?? (path === null ? (roots[0] ?? process.cwd()) : dirname(path));
  };
  const folderOf = (root: string): Promise<FolderContext> => {
    let folder = folders.get(root);
    if (!folder) {
      folder = loadFolderContext(root, settings).then((loaded) => {
        publishContextProblems(loaded);
        return loaded;
      });
      folders.set(root, folder);
    }
    return folder;
  };

  /** A folder's configuration, policy, catalog and rule problems, on files the editor has not open (open ones are checked as they stand). */
  const publishContextProblems = (folder: FolderContext) => {
    const byUri = new Map<string, Diagnostic[]>();
    for (const problem of folder.problems) {
      const uri = pathToFileURL(resolve(folder.root, problem.file)).href;
      if (documents.get(uri)) continue;
      // The file is not open: its text is not read to find the word's end, so the range is where the problem starts.
      byUri.set(uri, [...(byUri.get(uri) ?? []), problemDiagnostic('', problem)]);
    }
    for (const uri of published.get(folder.root) ?? []) if (!byUri.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of byUri) void connection.sendDiagnostics({ uri, diagnostics });
    published.set(folder.root, new Set(byUri.keys()));
  };

  const check = async (uri: string) => {
    const document = documents.get(uri);
    if (!document) return;
    const started = performance.now();
    const path = pathOf(uri);
    const folder = await folderOf(rootOf(path));
    const text = document.getText();
    const kind = documentKind(path ?? uri, text, folder.policyPath);
    let analysis: Analysis;
    if (kind === null) {
      const own = folder.problems.filter((p) => path !== null && resolve(folder.root, p.file) === path);
      analysis = { kind: 'project', diagnostics: own.map((p) => problemDiagnostic(text, p)) };
    } else {
      analysis = analyse(text, path ? displayPath(path, folder.root) : uri, kind, folder);
    }
    // A newer version arrived meanwhile: its own check publishes.
    if (documents.get(uri)?.version !== document.version) return;
    checked.set(uri, { version: document.version, kind, analysis, folder, ...(kind === null ? { tree: null } : {}) });
    cost.set(uri, performance.now() - started);
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics: analysis.diagnostics });
  };

  const schedule = (uri: string, delay: number) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      check(uri).catch((error: unknown) => connection.console.error(`aithreat: could not check ${uri}: ${(error as Error).message}`));
    }, delay));
  };

  /** Loads every folder's context again (a configuration, policy, catalog or rule changed, or the settings) and checks every open document. */
  const reload = async () => {
    // The settings first: a check meanwhile would load a folder with the old ones.
    await refreshSettings();
    folders.clear();
    for (const document of documents.all()) schedule(document.uri, 0);
  };

  const refreshSettings = async () => {
    let configured: unknown = null;
    if (canAskConfiguration) {
      try {
        configured = await connection.workspace.getConfiguration('aithreat');
      } catch {
        configured = null;
      }
    }
    const given = configured !== null && typeof configured === 'object' ? (configured as Record<string, unknown>) : {};
    const read = readSettings({ ...initialSettings, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null && v !== undefined)) });
    settings = read.settings;
    for (const message of read.ignored) void connection.window.showWarningMessage(`aithreat: ${message}; the setting is ignored`);
  };

  /** What hover, completion and definition read: the document's current tree, if it may be parsed at all. */
  const treeOf = (uri: string): { document: TextDocument; tree: Document; entry: Checked } | null => {
    const document = documents.get(uri);
    const entry = checked.get(uri);
    if (!document || !entry || entry.tree === null) return null;
    if (entry.analysis.diagnostics.some((d) => refusedWhole.has(String(d.code)))) return null;
    if (entry.tree === undefined || entry.version !== document.version) {
      entry.tree = tolerantParse(document.getText());
      entry.version = document.version;
    }
    return entry.tree ? { document, tree: entry.tree, entry } : null;
  };
  const guarded = <T, R>(what: string, handler: (params: T) => R, none: R) => (params: T): R => {
    try {
      return handler(params);
    } catch (error) {
      connection.console.error(`aithreat: ${what} failed: ${(error as Error).message}`);
      return none;
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    roots = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri)).filter((p): p is string => p !== null);
    const rootUri = params.rootUri ? pathOf(params.rootUri) : null;
    if (roots.length === 0 && rootUri) roots = [rootUri];
    const options = params.initializationOptions as Record<string, unknown> | undefined;
    const raw = options?.aithreat ?? options;
    initialSettings = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    settings = readSettings(initialSettings).settings;
    canAskConfiguration = params.capabilities.workspace?.configuration === true;
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRegisterConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '-', '[', ','] },
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'aithreat' },
    };
  });
  connection.onInitialized(() => {
    if (canAskConfiguration) void reload();
    const register = (what: () => Promise<unknown>) => {
      try {
        what().catch(() => {});
      } catch {
        // A client that cannot register is still served; it only tells the server less.
      }
    };
    if (canRegisterConfiguration) register(() => connection.client.register(DidChangeConfigurationNotification.type, undefined));
    if (canWatch) register(() => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] }));
  });
  connection.onDidChangeConfiguration((change) => {
    // A client that cannot be asked sends its settings with the notification.
    const given = (change.settings as Record<string, unknown> | null | undefined)?.aithreat;
    if (!canAskConfiguration && given !== null && typeof given === 'object') initialSettings = { ...initialSettings, ...(given as Record<string, unknown>) };
    void reload();
  });
  // A configuration, policy, catalog or rule file changed on disk: the folder's context is read again.
  // Project descriptions are never part of it, so saving one changes nothing but itself.
  connection.onDidChangeWatchedFiles((change) => {
    if (change.changes.some(({ uri }) => !isProjectOnDisk(uri))) void reload();
  });
  const isProjectOnDisk = (uri: string) => {
    return checked.get(uri)?.kind === 'project';
  };

  documents.onDidOpen(({ document }) => schedule(document.uri, 0));
  documents.onDidChangeContent(({ document }) => schedule(document.uri, Math.min(maxDebounceMs, Math.round(cost.get(document.uri) ?? 0))));
  documents.onDidSave(({ document }) => {
    if (!isProjectOnDisk(document.uri)) void reload();
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    checked.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onHover(guarded('hover', (params) => {
    const found = treeOf(params.textDocument.uri);
    if (!found) return null;
    const { document, tree, entry } = found;
    return hoverAt(tree, document.offsetAt(params.position), params.position.line, entry.analysis, entry.folder.catalog, (offset) => document.positionAt(offset));
  }, null));
  connection.onCompletion(guarded('completion', (params) => {
    const found = treeOf(params.textDocument.uri);
    if (!found) return [];
    const { document, tree, entry } = found;
    return completionsAt({ document: tree, text: document.getText(), offset: document.offsetAt(params.position), kind: entry.analysis.kind, catalog: entry.folder.catalog, positionAt: (offset) => document.positionAt(offset) });
  }, []));
  connection.onDefinition(guarded('definition', (params) => {
    const found = treeOf(params.textDocument.uri);
    if (!found || found.entry.analysis.kind !== 'project') return null;
    const range = definitionAt(found.tree, found.document.offsetAt(params.position));
    return range ? { uri: params.textDocument.uri, range: { start: found.document.positionAt(range[0]), end: found.document.positionAt(range[1]) } } : null;
  }, null));
  connection.onCodeAction(guarded('code actions', (params) => {
    const document = documents.get(params.textDocument.uri);
    const entry = checked.get(params.textDocument.uri);
    return document && entry ? codeActionsFor(document, params.context.diagnostics, entry.analysis.kind) : [];
  }, []));

  documents.listen(connection);
  connection.listen();
  return connection;
}
