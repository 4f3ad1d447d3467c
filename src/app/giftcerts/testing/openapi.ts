// Tests only. BigCommerce's own OpenAPI document (bigcommerce-marketing.v2.yml), loaded and
// dereferenced by @apidevtools/swagger-parser, its schemas compiled by ajv: what the fake server
// answers and what the adapter sends are checked against it, so neither can drift from the
// real API's JSON (money as decimal strings, dates as Unix-time strings, the fields an update
// requires).
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv, type ValidateFunction } from 'ajv';

export const BIGCOMMERCE_OPENAPI = fileURLToPath(new URL('./bigcommerce-marketing.v2.yml', import.meta.url));

/** One call as it crossed the wire. */
export interface Exchange {
  method: string;
  /** Under the server's base path (/stores/{hash}/v2), query included. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  requestBody: string;
  status: number;
  responseBody: string;
}

interface Parameter { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: { type?: string } }
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
type PathItem = { parameters?: Parameter[] } & Record<string, Operation>;

export interface Contract {
  /** What is wrong with a request the adapter sent (empty: it conforms). */
  request(e: Exchange): string[];
  /** What is wrong with an answer of a status the document declares (empty: it conforms, or the document says nothing of that status). */
  response(e: Exchange): string[];
  /** Whether the document declares this status for the call. */
  declares(e: Exchange): boolean;
}

export async function loadContract(): Promise<Contract> {
  const doc = (await SwaggerParser.dereference(BIGCOMMERCE_OPENAPI)) as unknown as { paths: Record<string, PathItem> };
  // OpenAPI 3.0 schemas are JSON Schema draft 4–7 with extra words (example, x-internal…).
  const ajv = new Ajv({ strict: false, allErrors: true });
  const compiled = new Map<object, ValidateFunction>();
  const validator = (schema: object) => {
    if (!compiled.has(schema)) compiled.set(schema, ajv.compile(schema));
    return compiled.get(schema)!;
  };
  const templates = Object.keys(doc.paths).map((p) => ({ p, re: new RegExp(`^${p.replace(/\{\w+\}/g, '([^/?]+)')}$`) }));

  function operationOf(e: Exchange): { op: Operation; params: Parameter[]; pathValues: Record<string, string>; query: URLSearchParams } | null {
    const [path, search] = e.path.split('?') as [string, string | undefined];
    const t = templates.find((x) => x.re.test(path));
    const item = t && doc.paths[t.p]!;
    const op = item?.[e.method.toLowerCase()] as Operation | undefined;
    if (!t || !op) return null;
    const names = [...t.p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const values = t.re.exec(path)!.slice(1);
    return { op, params: [...(item!.parameters ?? []), ...(op.parameters ?? [])], pathValues: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i]!)])), query: new URLSearchParams(search ?? '') };
  }

  const typed = (type: string | undefined, v: string) => (type === 'integer' ? /^-?\d+$/.test(v) : type === 'number' ? v.trim() !== '' && !Number.isNaN(Number(v)) : true);

  return {
    request(e) {
      const found = operationOf(e);
      if (!found) return [`${e.method} ${e.path}: no such operation in the document`];
      const problems: string[] = [];
      const header = (name: string) => e.headers[name.toLowerCase()];
      if (!header('X-Auth-Token')) problems.push('X-Auth-Token missing (security scheme)');
      for (const p of found.params) {
        if (p.in === 'header' && p.required && !header(p.name)) problems.push(`header ${p.name} missing`);
        if (p.in === 'path' && !typed(p.schema?.type, found.pathValues[p.name] ?? '')) problems.push(`path ${p.name}: not ${p.schema?.type}`);
      }
      for (const [name, value] of found.query) {
        const p = found.params.find((x) => x.in === 'query' && x.name === name);
        if (!p) problems.push(`query ${name}: not in the document`);
        else if (!typed(p.schema?.type, value)) problems.push(`query ${name}: not ${p.schema?.type}`);
      }
      const body = found.op.requestBody?.content['application/json']?.schema;
      if (body && e.requestBody !== '') {
        const validate = validator(body);
        if (!validate(JSON.parse(e.requestBody))) problems.push(`body: ${ajv.errorsText(validate.errors)}`);
      } else if (!body && e.requestBody !== '') problems.push('a body where the document takes none');
      return problems;
    },
    declares(e) {
      return String(e.status) in (operationOf(e)?.op.responses ?? {});
    },
    response(e) {
      const found = operationOf(e);
      const declared = found?.op.responses[String(e.status)];
      const schema = declared?.content?.['application/json']?.schema;
      if (!schema) return [];
      const validate = validator(schema);
      return validate(JSON.parse(e.responseBody)) ? [] : [`${e.method} ${e.path} ${e.status}: ${ajv.errorsText(validate.errors)}`];
    },
  };
}
