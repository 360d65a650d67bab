// Tidies BibTeX files with bibtex-tidy and prints, as one JSON array, its
// result for each: {count, warnings, bibtex}. Usage: node tidy.js FILE...;
// the modules come from NODE_PATH.
const { tidy } = require('bibtex-tidy');
const fs = require('fs');
const out = process.argv.slice(2).map((file) => {
  // escape: false keeps the values as written (by default bibtex-tidy
  // rewrites characters as LaTeX of its own, such as \ensuremath{\Pi}).
  const r = tidy(fs.readFileSync(file, 'utf8'), { duplicates: ['key'], escape: false });
  return { count: r.count, warnings: r.warnings, bibtex: r.bibtex };
});
process.stdout.write(JSON.stringify(out));
