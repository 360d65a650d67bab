package normalize_test

import (
	"context"
	"reflect"
	"runtime"
	"testing"

	"github.com/procx/procx/extract"
	"github.com/procx/procx/internal/gen"
	"github.com/procx/procx/normalize"
	"github.com/procx/procx/schema"
)

// TestVolumeParallelSameAsSerial normalizes a large generated volume with
// planted defects on four goroutines and on one: records and diagnostics
// (their order included) must be the same. Run with -race as well.
func TestVolumeParallelSameAsSerial(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	text, _ := gen.Volume("big.txt", 1, gen.Options{Papers: 600, DefectRate: 0.3, Seed: 5})
	read := func() *schema.Volume {
		v, _ := extract.Read(context.Background(), "big.txt", []byte(text), extract.Options{})
		return v
	}
	parallel, serial := read(), read()
	normalize.Volume(parallel)
	runtime.GOMAXPROCS(1) // one chunk: records one after another
	normalize.Volume(serial)
	runtime.GOMAXPROCS(4)
	if len(serial.Papers) < 600 || len(serial.Diagnostics) == 0 {
		t.Fatalf("the test volume has %d papers and %d diagnostics; it should have 600 and some", len(serial.Papers), len(serial.Diagnostics))
	}
	if !reflect.DeepEqual(parallel.Papers, serial.Papers) {
		t.Error("records normalized in parallel differ from serial ones")
	}
	if !reflect.DeepEqual(parallel.Diagnostics, serial.Diagnostics) {
		t.Errorf("diagnostics differ: %d in parallel, %d serial", len(parallel.Diagnostics), len(serial.Diagnostics))
	}
}
