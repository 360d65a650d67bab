// Reads CSL-JSON or BibTeX files with citation-js and prints, as one JSON
// array, the CSL items it made of each file (without citation-js's own
// bookkeeping, _graph). Usage: node citejs.js csl|bibtex FILE...; the
// modules come from NODE_PATH.
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
const fs = require('fs');
const [kind, ...files] = process.argv.slice(2);
const out = files.map((file) => {
  let input = fs.readFileSync(file, 'utf8');
  if (kind === 'csl') input = JSON.parse(input);
  const items = new Cite(input, { forceType: kind === 'csl' ? '@csl/list+object' : '@biblatex/text' }).data;
  for (const it of items) delete it._graph;
  return items;
});
process.stdout.write(JSON.stringify(out));
