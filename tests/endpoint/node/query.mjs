// Ask a running SPARQL endpoint one query through Comunica and print the answer as JSON.
// Usage: node query.mjs ENDPOINT_URL (select|ask|construct) QUERY
import { QueryEngine } from "@comunica/query-sparql";

const [url, kind, query] = process.argv.slice(2);
const engine = new QueryEngine();
const context = { sources: [{ type: "sparql", value: url }] };

let answer;
if (kind === "select") {
  const bindings = await (await engine.queryBindings(query, context)).toArray();
  answer = bindings.map((binding) =>
    Object.fromEntries([...binding].map(([variable, term]) => [variable.value, term.value])),
  );
} else if (kind === "ask") {
  answer = await engine.queryBoolean(query, context);
} else {
  const quads = await (await engine.queryQuads(query, context)).toArray();
  answer = quads.map((quad) => [quad.subject.value, quad.predicate.value, quad.object.value]);
}
process.stdout.write(JSON.stringify(answer));
