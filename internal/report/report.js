// Filters the findings by severity and code; without script the form stays
// hidden and the groups fold with <details>. Print opens every group.
for (const f of document.querySelectorAll('form.filter')) {
  const sec = f.closest('section');
  const apply = () => {
    const sev = new Set(Array.from(f.querySelectorAll('input[name=sev]:checked'), (i) => i.value));
    const code = f.elements.code.value;
    let n = 0;
    for (const d of sec.querySelectorAll('.diag')) {
      d.hidden = !(sev.has(d.dataset.severity) && (code === '' || d.dataset.code === code));
      if (!d.hidden) n++;
    }
    for (const g of sec.querySelectorAll('details.group')) g.hidden = !g.querySelector('.diag:not([hidden])');
    f.querySelector('output').textContent = n + ' shown';
  };
  f.addEventListener('change', apply);
  f.hidden = false;
  apply();
}
addEventListener('beforeprint', () => { for (const d of document.querySelectorAll('details')) d.open = true; });
