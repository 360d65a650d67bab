package validate

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

// TestVolumeParallelSameAsSerial runs the checks of a large volume with
// planted defects side by side and one after another: the same
// diagnostics in the same order. Run with -race as well.
func TestVolumeParallelSameAsSerial(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	text, _ := gen.Volume("big.txt", 1, gen.Options{Papers: 600, DefectRate: 0.3, Seed: 11})
	read := func() *schema.Volume {
		v, _ := extract.Read(context.Background(), "big.txt", []byte(text), extract.Options{})
		normalize.Volume(v)
		return v
	}
	parallel, serial := read(), read()
	Volume(parallel, Options{})
	runtime.GOMAXPROCS(1) // one chunk: checks one after another
	Volume(serial, Options{})
	runtime.GOMAXPROCS(4)
	if len(serial.Diagnostics) < 50 {
		t.Fatalf("only %d diagnostics on a volume with 30%% planted defects", len(serial.Diagnostics))
	}
	if !reflect.DeepEqual(parallel.Diagnostics, serial.Diagnostics) {
		t.Errorf("checks run side by side report %d diagnostics, one after another %d, or in another order",
			len(parallel.Diagnostics), len(serial.Diagnostics))
	}
}
