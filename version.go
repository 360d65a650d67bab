package procx

import "runtime/debug"

// modulePath is procx's module path, to find its version in a binary that
// uses it as a library.
const modulePath = "github.com/procx/procx"

// Version returns the version of the procx module built into the running
// binary, as the Go toolchain recorded it ("v1.2.0", or a pseudo-version
// for a build from a repository), or "(devel)" when there is none (go run,
// go test, a build outside module mode).
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	v := ""
	if info.Main.Path == modulePath {
		v = info.Main.Version
	} else {
		for _, d := range info.Deps {
			if d.Path == modulePath {
				v = d.Version
				if d.Replace != nil && d.Replace.Version != "" {
					v = d.Replace.Version
				}
				break
			}
		}
	}
	if v == "" {
		return "(devel)"
	}
	return v
}
