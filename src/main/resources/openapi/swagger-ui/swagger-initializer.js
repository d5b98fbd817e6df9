// Montage's own initializer, in place of the jar's (which loads the Petstore example from the internet).
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "../openapi.yaml", // relative, so the page works behind a proxy that adds a path prefix
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // no badge from validator.swagger.io: the page must work with no internet access
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
