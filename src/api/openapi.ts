import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { answer, OpenApiBody } from './schemas';

// The API's OpenAPI document, made by @fastify/swagger from the routes' zod schemas (the same
// ones that check requests and serialise answers) and served at /v1/openapi.json.

type Document = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * The document without the component schemas no path refers to: the zod provider makes an
 * input and an output form of each named schema, and only one of them is used.
 */
function withoutUnused(document: Document): Document {
  const doc = document as { paths?: unknown; components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const name = k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '') : null;
      if (name === null) visit(v);
      else if (!used.has(name)) {
        used.add(name);
        visit(schemas[name]);
      }
    }
  };
  visit(doc.paths);
  return { ...document, components: { ...doc.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) } } as Document;
}

/** Registers the generator; call before the routes it documents. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'pos — e-shop API',
        version: '1',
        description: 'The shop’s store-credit vouchers, for its e-shop: look one up, redeem an amount. Amounts are integer cents. Every error is { error, message }.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A key from `pos api-key create NAME --store CODE`' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => withoutUnused(jsonSchemaTransformObject(doc)),
  });
}

/** GET /v1/openapi.json: the document, to anyone (it holds no data of the shop). */
export function openApiRoute(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: 'GET',
    url: '/v1/openapi.json',
    schema: { operationId: 'openapi', summary: 'This document (no key needed)', tags: ['meta'], security: [], response: { 200: answer('The OpenAPI document of this API', OpenApiBody) } },
    handler: async () => app.swagger() as unknown as { openapi: string },
  });
}
