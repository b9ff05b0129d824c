import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, GetPromptResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { OperationAction } from '@warden/policy-engine';

export type GovernedResult = CallToolResult | ReadResourceResult | GetPromptResult;

/**
 * One MCP method that reaches the upstream on the caller's behalf: what the pipeline authorizes (action,
 * target, arguments), how the upstream is asked, and which texts of the answer the guardrails inspect.
 */
export interface GovernedCall {
  readonly action: OperationAction;
  readonly target: string;
  readonly arguments: Record<string, unknown>;
  readonly inputText: string;
  fetch(client: Client, signal: AbortSignal): Promise<GovernedResult>;
  /** The texts the agent would receive, for inspection. */
  texts(result: GovernedResult): string[];
  /** The same answer with each text passed through `redact`. */
  redact(result: GovernedResult, redact: (text: string) => string): GovernedResult;
}

export interface McpParams {
  readonly name?: unknown;
  readonly arguments?: unknown;
  readonly uri?: unknown;
}

/** An MCP prompt is data the server hands the model: authorized as `data.read` on `prompt:<name>`. */
export const promptTarget = (name: string): string => `prompt:${name}`;

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function stringsOf(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]),
  );
}

function toolCall(name: string, args: Record<string, unknown>): GovernedCall {
  return {
    action: 'mcp.tool',
    target: name,
    arguments: args,
    inputText: JSON.stringify(args),
    fetch: (client, signal) =>
      client.callTool({ name, arguments: args }, undefined, { signal }) as Promise<CallToolResult>,
    texts: (result) => (result as CallToolResult).content.map((c) => (c.type === 'text' ? c.text : '')),
    redact: (result, redact) => {
      const tool = result as CallToolResult;
      return {
        ...tool,
        content: tool.content.map((c) => (c.type === 'text' ? { ...c, text: redact(c.text) } : c)),
      };
    },
  };
}

function resourceRead(uri: string): GovernedCall {
  return {
    action: 'data.read',
    target: uri,
    arguments: { uri },
    inputText: uri,
    fetch: (client, signal) => client.readResource({ uri }, { signal }),
    texts: (result) =>
      (result as ReadResourceResult).contents.map((c) =>
        'text' in c && typeof c.text === 'string' ? c.text : '',
      ),
    redact: (result, redact) => {
      const read = result as ReadResourceResult;
      return {
        ...read,
        contents: read.contents.map((c) =>
          'text' in c && typeof c.text === 'string' ? { ...c, text: redact(c.text) } : c,
        ),
      };
    },
  };
}

function promptGet(name: string, args: Record<string, string>): GovernedCall {
  return {
    action: 'data.read',
    target: promptTarget(name),
    arguments: args,
    inputText: JSON.stringify(args),
    fetch: (client, signal) => client.getPrompt({ name, arguments: args }, { signal }),
    texts: (result) =>
      (result as GetPromptResult).messages.map((m) => (m.content.type === 'text' ? m.content.text : '')),
    redact: (result, redact) => {
      const prompt = result as GetPromptResult;
      return {
        ...prompt,
        messages: prompt.messages.map((m) =>
          m.content.type === 'text' ? { ...m, content: { ...m.content, text: redact(m.content.text) } } : m,
        ),
      };
    },
  };
}

/** The governed call a JSON-RPC method makes, or undefined for listings and protocol housekeeping. */
export function governedCall(method: string, params: McpParams | undefined): GovernedCall | undefined {
  const name = typeof params?.name === 'string' ? params.name : '';
  switch (method) {
    case 'tools/call':
      return toolCall(name, objectOf(params?.arguments));
    case 'resources/read':
      return resourceRead(typeof params?.uri === 'string' ? params.uri : '');
    case 'prompts/get':
      return promptGet(name, stringsOf(objectOf(params?.arguments)));
    default:
      return undefined;
  }
}
