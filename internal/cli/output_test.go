package cli

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// outputDir returns the names in dir, to see temporary files left behind.
func outputDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestOutputFileMode: -o creates a new file with 0666 less the umask, like
// a shell's redirection, and an existing file keeps its mode.
func TestOutputFileMode(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o027))
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new.json")
	if _, errOut, code := run(t, "", "extract", "-o", fresh, ref); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if st, err := os.Stat(fresh); err != nil || st.Mode().Perm() != 0o640 {
		t.Errorf("new file: %v %v, want mode 0640 under umask 027", st.Mode(), err)
	}
	for _, mode := range []os.FileMode{0o644, 0o600, 0o664} {
		old := filepath.Join(dir, "old.json")
		os.Remove(old)
		if err := os.WriteFile(old, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chmod(old, mode)
		if _, errOut, code := run(t, "", "lint", "-o", old, ref); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		st, err := os.Stat(old)
		if err != nil || st.Mode().Perm() != mode {
			t.Errorf("existing file of mode %v became %v (%v)", mode, st.Mode(), err)
		}
	}
	if names := outputDir(t, dir); strings.Join(names, " ") != "new.json old.json" {
		t.Errorf("files left: %v", names)
	}
}

// TestOutputThroughSymlink: -o LINK replaces the file the link points to
// and leaves the link; a dangling link's target is created.
func TestOutputThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "data")
	os.Mkdir(sub, 0o755)
	target := filepath.Join(sub, "volume.json")
	os.WriteFile(target, []byte("old"), 0o644)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("data/volume.json", link); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	if _, errOut, code := run(t, "", "extract", "-o", link, ref); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st.Mode(), err)
	}
	if b, _ := os.ReadFile(target); !bytes.HasPrefix(b, []byte("{\n  \"source\"")) {
		t.Errorf("the target holds %q", clip(string(b)))
	}
	if names := outputDir(t, sub); len(names) != 1 {
		t.Errorf("files left beside the target: %v", names)
	}

	dangling := filepath.Join(dir, "dangling.json")
	os.Symlink("data/made.json", dangling)
	if _, errOut, code := run(t, "", "extract", "-o", dangling, ref); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if st, err := os.Lstat(dangling); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the dangling link was replaced: %v %v", st.Mode(), err)
	}
	if b, _ := os.ReadFile(filepath.Join(sub, "made.json")); !bytes.HasPrefix(b, []byte("{")) {
		t.Errorf("the dangling link's target holds %q", clip(string(b)))
	}
}

// TestOutputNotWrittenOnInputFailure: when an input cannot be read, -o
// writes no file and leaves an existing one as it was; the run exits 2.
func TestOutputNotWrittenOnInputFailure(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "m.json")
	_, errOut, code := run(t, "", "extract", "-o", dst, ref, filepath.Join(dir, "nonexistent"))
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if _, err := os.Stat(dst); err == nil {
		t.Errorf("%s written", dst)
	}
	if !regexp.MustCompile(`(?m)^procx: ` + regexp.QuoteMeta(dst) + ` not written: an input could not be read\n`).MatchString(errOut) {
		t.Errorf("stderr %q", errOut)
	}
	os.WriteFile(dst, []byte("kept"), 0o644)
	for _, cmd := range []string{"extract", "lint"} {
		if _, _, code := run(t, "", cmd, "-q", "-o", dst, ref, filepath.Join(dir, "nonexistent")); code != 2 {
			t.Errorf("%s: exit %d, want 2", cmd, code)
		}
		if b, _ := os.ReadFile(dst); string(b) != "kept" {
			t.Errorf("%s: the existing file became %q", cmd, clip(string(b)))
		}
	}
	if names := outputDir(t, dir); len(names) != 1 {
		t.Errorf("files left: %v", names)
	}
}

// TestOutputDirectory: -o DIR says that it is a directory.
func TestOutputDirectory(t *testing.T) {
	dir := t.TempDir()
	_, errOut, code := run(t, "", "extract", "-o", dir, ref)
	if code != 2 || errOut != `procx: -o "`+dir+`": is a directory`+"\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if names := outputDir(t, dir); len(names) != 0 {
		t.Errorf("files left: %v", names)
	}
}

// TestOutputNotRegular: -o naming a named pipe (or a device, such as
// /dev/null) writes into it; it does not replace it with a file, which it
// did, and as root did to /dev/null too.
func TestOutputNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if _, errOut, code := run(t, "", "extract", "-o", fifo, ref); code != 0 {
		// Let the reader go.
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatalf("exit %d: %s", code, errOut)
	}
	select {
	case b := <-got:
		if !bytes.HasPrefix(b, []byte("{\n  \"source\"")) {
			t.Errorf("read from the pipe: %q", clip(string(b)))
		}
	case <-time.After(20 * time.Second):
		t.Errorf("nothing was written into the pipe")
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v %v", st.Mode(), err)
	}
	if names := outputDir(t, dir); len(names) != 1 {
		t.Errorf("files left: %v", names)
	}
}

// TestOutputInterrupted: SIGINT or SIGTERM while -o's temporary file is
// open removes it; the process ends by the signal. The run is held open by
// a named pipe that is never written.
func TestOutputInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin, err := procxBin()
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "held.txt")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skipf("no named pipes: %v", err)
		}
		cmd := exec.Command(bin, "extract", "-q", "-o", filepath.Join(dir, "out.json"), ref, fifo)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for len(outputDir(t, dir)) < 2 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if names := outputDir(t, dir); len(names) != 2 || !strings.HasPrefix(names[0], ".out.json.") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("no temporary file: %v", names)
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		st, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if err == nil || !st.Signaled() || st.Signal() != sig {
			t.Errorf("%v: the run ended with %v, not by the signal", sig, err)
		}
		if names := outputDir(t, dir); len(names) != 1 || names[0] != "held.txt" {
			t.Errorf("%v: files left: %v", sig, names)
		}
	}
}
