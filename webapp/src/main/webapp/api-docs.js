// Starts Swagger UI on the page /api-docs writes; the document's URL is in data-spec.
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: root.getAttribute("data-spec"), dom_id: "#swagger-ui" });
});
