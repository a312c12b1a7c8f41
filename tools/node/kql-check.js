#!/usr/bin/env node
// Parses and type-checks KQL offline with Microsoft's Kusto language service (the Bridge.NET build of
// Kusto.Language), against table schemas given as JSON. The Java build runs it from KqlTypeCheckTest.
//
// Usage: node kql-check.js REQUEST.json
//   REQUEST: {"databases": [{"name": "...", "tables": {"Table": {"Column": "string|datetime|long|int|real|bool|guid|dynamic", ...}}}],
//             "queries": [{"name": "...", "text": "..."}]}
// Prints: {"results": [{"query", "database", "diagnostics": [{"severity", "message", "start", "length"}],
//                       "columns": [{"name", "type"}]}]}  -- every query against every database.
// Exit codes: 0 analysed (diagnostics may still be present), 2 bad request, 3 language service not installed.
'use strict';
const fs = require('fs');
const path = require('path');

const pkg = path.join(__dirname, 'node_modules', '@kusto', 'language-service-next');
if (!fs.existsSync(path.join(pkg, 'Kusto.Language.Bridge.js'))) {
  process.stderr.write(`@kusto/language-service-next is not installed in ${pkg}; run npm install --prefix tools/node\n`);
  process.exit(3);
}
// Kusto.Language.Bridge.js needs the Bridge.NET runtime loaded first, and publishes its API on the global object.
require(path.join(pkg, 'bridge.js'));
require(path.join(pkg, 'Kusto.Language.Bridge.js'));
const K = global.Kusto.Language;
const S = K.Symbols;

if (process.argv.length !== 3) {
  process.stderr.write('usage: node kql-check.js REQUEST.json\n');
  process.exit(2);
}
let request;
try {
  request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
} catch (e) {
  process.stderr.write(`cannot read ${process.argv[2]}: ${e.message}\n`);
  process.exit(2);
}

function scalar(type, where) {
  const symbol = S.ScalarTypes.GetSymbol(type);
  if (!symbol) {
    process.stderr.write(`unknown column type '${type}' at ${where}\n`);
    process.exit(2);
  }
  return symbol;
}

function globalsFor(db) {
  const tables = Object.entries(db.tables).map(([table, columns]) =>
    new S.TableSymbol.$ctor4(table, Object.entries(columns).map(([name, type]) =>
      new S.ColumnSymbol(name, scalar(type, `${db.name}.${table}.${name}`)))));
  return K.GlobalState.Default.WithDatabase(new S.DatabaseSymbol.$ctor1(db.name, tables, false));
}

function list(items) {
  const out = [];
  for (let i = 0; items && i < items.Count; i++) {
    out.push(items.getItem(i));
  }
  return out;
}

const results = [];
for (const db of request.databases) {
  const globals = globalsFor(db);
  for (const q of request.queries) {
    const code = K.KustoCode.ParseAndAnalyze(q.text, globals);
    const diagnostics = list(code.GetDiagnostics()).map(d => ({
      severity: String(d.Severity), message: String(d.Message), start: d.Start, length: d.Length,
    }));
    const resultType = code.ResultType;
    const columns = resultType && resultType.Columns
      ? list(resultType.Columns).map(c => ({ name: String(c.Name), type: String(c.Type.Name) })) : [];
    results.push({ query: q.name, database: db.name, diagnostics, columns });
  }
}
process.stdout.write(JSON.stringify({ results }) + '\n');
