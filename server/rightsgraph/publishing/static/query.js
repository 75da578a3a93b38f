/* The query editor: YASGUI pointed at this server's /sparql, the questions one click away. */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("yasgui");
  const examples = JSON.parse(document.getElementById("example-queries").textContent);
  const initial = JSON.parse(document.getElementById("initial-query").textContent);
  const yasgui = new Yasgui(element, {
    requestConfig: { endpoint: new URL(element.dataset.endpoint, window.location.href).href, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    yasqe: { autocompleters: [] },
    yasr: { defaultPlugin: "table" },
  });
  const tab = yasgui.getTab();
  // Results as a person reads them: plain values (YASR's "simple view", no quotes, language tags or
  // datatype IRIs) and whole cells, wrapped rather than cut to an ellipsis.
  const yasr = tab.getYasr();
  yasr.config.plugins.table = {
    ...(yasr.config.plugins.table || {}),
    dynamicConfig: { compact: true, isEllipsed: false },
  };
  const run = (query) => {
    tab.setQuery(query);
    tab.query();
  };
  // A question asked in the address (?query= or ?example=) is run; the starter question is only shown.
  if (initial.run) {
    run(initial.query);
  } else if (initial.query) {
    tab.setQuery(initial.query);
  }
  for (const link of document.querySelectorAll("a.example")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      run(examples[link.dataset.example]);
      element.scrollIntoView();
    });
  }
});
