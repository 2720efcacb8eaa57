import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type ProtocolConnection,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";

/**
 * A minimal LSP client for `vscode-eslint-language-server` (npm `vscode-langservers-extracted`),
 * the server of VS Code's ESLint extension that Neovim, Helix and Zed also start. It answers the
 * server's requests the way VS Code's client does (settings per document, applied workspace edits)
 * and keeps each open document's text, so a test can apply a code action and read the result.
 * Hand-written because the server ships no client; the protocol types and framing are Microsoft's.
 */

/** The server's executable, found as Node resolves the package (undefined when it is not installed). */
const SERVER_BIN = serverBin();

function serverBin(): string | undefined {
  try {
    return join(dirname(fileURLToPath(import.meta.resolve("vscode-langservers-extracted/package.json"))), "bin", "vscode-eslint-language-server");
  } catch {
    return undefined;
  }
}

/** The settings VS Code's ESLint extension sends for a validated document, with its defaults. */
export interface ServerSettings {
  validate: "on" | "off" | "probe";
  codeAction: {
    disableRuleComment: { enable: boolean; location: "separateLine" | "sameLine"; commentStyle: "line" | "block" };
    showDocumentation: { enable: boolean };
  };
  [key: string]: unknown;
}

function defaultSettings(workspace: string): ServerSettings {
  return {
    validate: "on",
    packageManager: "npm",
    useESLintClass: false,
    useRealpaths: false,
    // This server build reads `experimental.useFlatConfig` without `?.`; `true` would make it look for
    // ESLint 9's `FlatESLint`, which ESLint 10 no longer exports.
    experimental: {},
    codeActionOnSave: { mode: "all" },
    format: false,
    quiet: false,
    bulkSuppression: { enable: false, severity: "info" },
    onIgnoredFiles: "off",
    options: {},
    rulesCustomizations: [],
    run: "onType",
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: "location" },
    workspaceFolder: { name: basename(workspace), uri: pathToFileURL(workspace).href },
    codeAction: {
      disableRuleComment: { enable: true, location: "separateLine", commentStyle: "line" },
      showDocumentation: { enable: true },
    },
  };
}

/**
 * Why the server cannot run here (its package is not installed, or it does not answer `initialize`),
 * or undefined when it can.
 */
export async function serverUnavailable(): Promise<string | undefined> {
  if (!SERVER_BIN || !existsSync(SERVER_BIN)) return "the devDependency vscode-langservers-extracted is not installed (npm ci installs it)";
  const workspace = mkdtempSync(join(tmpdir(), "uv-ci-lsp-probe-"));
  try {
    const server = await EslintLanguageServer.start(workspace);
    await server.stop();
    return undefined;
  } catch (error) {
    return `vscode-eslint-language-server does not start: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

export interface OpenDocument {
  uri: string;
  languageId: string;
  text: string;
}

export class EslintLanguageServer {
  readonly log: string[] = [];
  private readonly documents = new Map<string, TextDocument>();
  private stopped = false;

  private constructor(
    private readonly process: ChildProcess,
    private readonly connection: ProtocolConnection,
    private readonly settingsFor: (document: OpenDocument | undefined) => ServerSettings,
  ) {}

  /** Starts the server over stdio in `workspace` and completes the initialize handshake. */
  static async start(workspace: string, settingsFor: (document: OpenDocument | undefined, defaults: ServerSettings) => ServerSettings = (_, defaults) => defaults): Promise<EslintLanguageServer> {
    if (!SERVER_BIN) throw new Error("vscode-langservers-extracted is not installed (npm ci installs it)");
    const child = spawn(process.execPath, [SERVER_BIN, "--stdio"], { cwd: workspace, stdio: ["pipe", "pipe", "pipe"] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new EslintLanguageServer(child, connection, (document) => settingsFor(document, defaultSettings(workspace)));
    child.stderr!.on("data", (chunk: Buffer) => server.log.push(chunk.toString("utf8")));
    server.listen();
    connection.listen();
    const workspaceUri = pathToFileURL(workspace).href;
    // A server that dies (a missing file, a crash on load) rejects the handshake instead of leaving it waiting.
    const exited = new Promise<never>((_, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`vscode-eslint-language-server exited with ${code} before it answered:\n${server.log.join("")}`)));
    });
    const initialize = connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: workspaceUri,
      workspaceFolders: [{ uri: workspaceUri, name: basename(workspace) }],
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true }, workspaceFolders: true },
        textDocument: {
          diagnostic: { dynamicRegistration: false },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ["", "quickfix", "source", "source.fixAll", "source.fixAll.eslint"] } },
          },
        },
      },
    });
    await Promise.race([initialize, exited]);
    await connection.sendNotification(InitializedNotification.type, {});
    return server;
  }

  private listen(): void {
    const { connection } = this;
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => this.settingsFor(item.scopeUri === undefined ? undefined : this.openDocument(item.scopeUri))),
    );
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.applyWorkspaceEdit(params.edit);
      return { applied: true };
    });
    // The extension's own requests: a test reads them in `log` (no ESLint found, no config, ...).
    for (const method of ["eslint/noConfig", "eslint/noLibrary", "eslint/openDoc", "eslint/probeFailed"]) {
      connection.onRequest(method, (params: unknown) => {
        this.log.push(`${method} ${JSON.stringify(params)}`);
        return {};
      });
    }
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.log.push(params.message);
    });
  }

  private openDocument(uri: string): OpenDocument | undefined {
    const document = this.documents.get(uri);
    return document && { uri, languageId: document.languageId, text: document.getText() };
  }

  /**
   * Opens a file of the workspace as the editor would, under the language id the editor gives it;
   * a file already open is closed first and opened again with its text on disk.
   */
  async open(path: string, languageId: string): Promise<string> {
    if (!existsSync(path)) throw new Error(`${path} does not exist`);
    const uri = pathToFileURL(path).href;
    if (this.documents.delete(uri)) await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    const text = readFileSync(path, "utf8");
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** The document's text as the editor holds it, with every applied edit. */
  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  /** The document's version, which the editor raises with each change. */
  version(uri: string): number {
    return this.documents.get(uri)!.version;
  }

  /** Pull diagnostics (`textDocument/diagnostic`), which is how this server reports problems. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    if (report.kind !== "full") throw new Error(`expected a full diagnostic report, got ${report.kind}`);
    return report.items;
  }

  /** The code actions offered at a diagnostic (the light bulb), or of a kind such as `source.fixAll.eslint`. */
  async codeActions(uri: string, diagnostic: Diagnostic | undefined, only?: string[]): Promise<(CodeAction | Command)[]> {
    const end = this.documents.get(uri)!.positionAt(Number.MAX_SAFE_INTEGER);
    const range = diagnostic?.range ?? { start: { line: 0, character: 0 }, end };
    const actions = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics: diagnostic ? [diagnostic] : [], ...(only ? { only } : {}) },
    });
    return actions ?? [];
  }

  /** Runs a code action as the editor does: applies its edit, then executes its command (the server then sends the edit back). */
  async run(action: CodeAction | Command): Promise<void> {
    if ("edit" in action && action.edit) this.applyWorkspaceEdit(action.edit);
    const command = typeof action.command === "string" ? (action as Command) : action.command;
    if (command) await this.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments });
  }

  private applyWorkspaceEdit(edit: WorkspaceEdit): void {
    const byUri = new Map<string, TextEdit[]>();
    for (const change of edit.documentChanges ?? []) {
      if (!("textDocument" in change)) throw new Error(`unexpected resource operation ${JSON.stringify(change)}`);
      byUri.set(change.textDocument.uri, [...(byUri.get(change.textDocument.uri) ?? []), ...(change.edits as TextEdit[])]);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, [...(byUri.get(uri) ?? []), ...edits]);
    for (const [uri, edits] of byUri) {
      const document = this.documents.get(uri);
      if (!document) throw new Error(`edit for a document that is not open: ${uri}`);
      const text = TextDocument.applyEdits(document, edits);
      this.documents.set(uri, TextDocument.create(uri, document.languageId, document.version + 1, text));
      // As an editor does after any change of the buffer: the server re-lints the new text.
      void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: document.version + 1 },
        contentChanges: [{ text }],
      });
    }
  }

  /** Shuts the server down (LSP shutdown, then exit) and waits for its process to end. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once("exit", () => resolve());
    });
    await this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    await exited;
    this.connection.dispose();
  }
}
