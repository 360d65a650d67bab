package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "rewrite testdata/overlap.png, the screenshot the README shows")

// chromium returns the headless browser to test in: $PROCX_CHROMIUM, or
// chromium, chromium-browser or google-chrome on PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("PROCX_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH (apt-get install chromium); browser test skipped")
	return ""
}

// probe is put first in the head of a copy of the report, before its
// policy applies: it records every policy violation (any attempt to load
// something) and every resource the page fetched, on the root element,
// once the page has loaded.
const probe = `<script>
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => __violations.push(e.effectiveDirective + ' ' + e.blockedURI));
addEventListener('load', () => setTimeout(() => {
  const root = document.documentElement;
  root.dataset.violations = __violations.join(' | ');
  root.dataset.resources = performance.getEntriesByType('resource').map((e) => e.name).join(' | ');
  root.dataset.loaded = 'yes';
}, 100));
</script>`

// browse loads page from disk in headless Chromium with every host name
// unresolvable, and returns the DOM after load (scripts run) and, when
// shot is set, writes a screenshot there.
func browse(t *testing.T, page []byte, shot string) *html.Node {
	t.Helper()
	bin := chromium(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	probed := bytes.Replace(page, []byte("<head>"), []byte("<head>\n"+probe), 1)
	if err := os.WriteFile(file, probed, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir=" + filepath.Join(dir, "profile"),
		"--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--virtual-time-budget=3000"}
	run := func(extra ...string) []byte {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, append(append(args, extra...), "file://"+file)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
		}
		return out
	}
	dom := parse(t, run("--dump-dom"))
	if shot != "" {
		run("--window-size=1200,1250", "--screenshot="+shot)
		if st, err := os.Stat(shot); err != nil || st.Size() == 0 {
			t.Fatalf("no screenshot at %s: %v", shot, err)
		}
	}
	return dom
}

// rootData returns a data- attribute of the dumped DOM's root element.
func rootData(t *testing.T, doc *html.Node, key string) string {
	t.Helper()
	roots := all(doc, tagClass("html", ""))
	if len(roots) != 1 {
		t.Fatal("no root element")
	}
	return attr(roots[0], "data-"+key)
}

// TestBrowser loads the report of the fixture with a planted overlap in
// headless Chromium: the DOM it builds has the page map with the overlap
// marked, a row per record, the findings filter shown by the script (the
// policy let its hash run), and the page tried to load nothing. The
// screenshot goes to testdata/out/ for review (testdata/overlap.png, the
// README's, with -update-screenshot).
func TestBrowser(t *testing.T) {
	in := process(fixtureInput(t, "pages-overlap"))
	page := render(t, in)
	out := filepath.Join("testdata", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	shot, _ := filepath.Abs(filepath.Join(out, "overlap.png"))
	dom := browse(t, page, shot)
	if rootData(t, dom, "loaded") != "yes" {
		t.Fatal("the page did not finish loading")
	}
	if v := rootData(t, dom, "violations"); v != "" {
		t.Errorf("policy violations: %s", v)
	}
	if r := rootData(t, dom, "resources"); r != "" {
		t.Errorf("the page loaded %s", r)
	}
	checkDOM(t, dom, in.Volume)
	overlaps := all(dom, func(n *html.Node) bool { return n.Data == "g" && attr(n, "data-code") == "pages-overlap" })
	if len(overlaps) != 1 {
		t.Fatalf("%d overlaps marked, want the planted one", len(overlaps))
	}
	if title := textOf(overlaps[0]); !strings.Contains(title, "overlap") {
		t.Errorf("overlap mark says %q", title)
	}
	for _, f := range all(dom, tagClass("form", "filter")) {
		if attr(f, "hidden") != "" || hasAttr(f, "hidden") {
			t.Error("the findings filter is hidden: the script did not run")
		}
		if got := textOf(all(f, tagClass("output", ""))[0]); got != "2 shown" && !strings.HasSuffix(got, " shown") {
			t.Errorf("filter output %q", got)
		}
	}
	t.Logf("screenshot: %s", shot)
	if *updateScreenshot {
		b, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", "overlap.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserProbe checks the probe itself: a report with a remote image
// and script planted in it records both as violations and loads neither.
func TestBrowserProbe(t *testing.T) {
	page := render(t, process(fixtureInput(t, "pages-overlap")))
	planted := bytes.Replace(page, []byte("</main>"), []byte(`<img src="https://example.invalid/x.png" alt=""><script src="https://example.invalid/x.js"></script></main>`), 1)
	dom := browse(t, planted, "")
	v := rootData(t, dom, "violations")
	if !strings.Contains(v, "example.invalid/x.png") || !strings.Contains(v, "example.invalid/x.js") {
		t.Errorf("the probe saw violations %q, want the planted image and script", v)
	}
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
