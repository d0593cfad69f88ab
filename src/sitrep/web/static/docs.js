// The API documentation: Swagger UI over /openapi.json, from Sitrep's own copy.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
