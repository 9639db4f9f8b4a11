export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A JSON Schema / OpenAPI schema object. */
export interface JsonSchema {
  [keyword: string]: unknown;
}
