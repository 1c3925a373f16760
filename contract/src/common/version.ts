/** The version of the API, as the OpenAPI and AsyncAPI documents and the health check state it. */
export const API_VERSION = '0.1.0';
