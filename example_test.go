package procx_test

import (
	"context"
	"fmt"
	"os"

	"github.com/procx/procx"
)

func ExampleProcess() {
	data, err := os.ReadFile("fixtures/vee21.txt")
	if err != nil {
		panic(err)
	}
	v := procx.Process(context.Background(), "fixtures/vee21.txt", data, procx.Options{})
	fmt.Println(v.Proceedings.Acronym, v.Proceedings.Date)
	p := v.Papers[2]
	fmt.Println(p.Title)
	fmt.Println(p.Authors[0].Family, p.Pages.First, p.Pages.Last, p.DOI)
	for _, d := range v.Diagnostics {
		fmt.Println(d)
	}
	// Output:
	// VEE 2021 2021-04-16
	// virtio-mem: Paravirtualized Memory Hot(Un)Plug
	// Hildenbrand 1 14 10.1145/3453933.3454010
	// fixtures/vee21.txt:283:16: warning: unescaped "&" in bibtex title "Spons & Shields: Practical Isolation for Trusted Execution": write \& [bibtex-unescaped]
}
