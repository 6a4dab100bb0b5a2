//go:build !unix

package country

import "time"

var epoch = time.Now()

// cpuTime falls back to the wall clock where there is no getrusage.
func cpuTime() time.Duration { return time.Since(epoch) }
