package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// nodePackages are the npm packages the node tests run, pinned; .ci/run
// installs the same into the same folder.
var nodePackages = []string{"@citation-js/core@0.8.2", "@citation-js/plugin-bibtex@0.8.2", "bibtex-tidy@1.14.0"}

// nodeDir is where the packages are installed: $PROCX_NODE_DIR, else
// procx/npm in the user's cache folder.
func nodeDir() string {
	if d := os.Getenv("PROCX_NODE_DIR"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "procx", "npm")
}

// installed reports whether dir holds every package.
func installed(dir string) bool {
	for _, p := range nodePackages {
		name := p[:strings.LastIndex(p, "@")]
		if _, err := os.Stat(filepath.Join(dir, "node_modules", name, "package.json")); err != nil {
			return false
		}
	}
	return true
}

var nodeSetup = sync.OnceValues(func() (string, error) {
	if _, err := exec.LookPath("node"); err != nil {
		return "", fmt.Errorf("node is not installed")
	}
	dir := nodeDir()
	if installed(dir) {
		return filepath.Join(dir, "node_modules"), nil
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return "", fmt.Errorf("%s lacks %v and npm is not installed", dir, nodePackages)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	cmd := exec.Command("npm", append([]string{"install", "--prefix", dir, "--no-audit", "--no-fund", "--silent"}, nodePackages...)...)
	if out, err := cmd.CombinedOutput(); err != nil || !installed(dir) {
		return "", fmt.Errorf("npm install %v: %v\n%s", nodePackages, err, out)
	}
	return filepath.Join(dir, "node_modules"), nil
})

// runNode runs a script of testdata over files with the packages on
// NODE_PATH and decodes its JSON output into out; it skips the test when
// node or the packages cannot be had.
func runNode(t *testing.T, script string, args []string, out any) {
	t.Helper()
	modules, err := nodeSetup()
	if err != nil {
		t.Skipf("node tests skipped: %v", err)
	}
	abs, _ := filepath.Abs(filepath.Join("testdata", script))
	cmd := exec.Command("node", append([]string{abs}, args...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("node %s: %v", script, err)
	}
}
