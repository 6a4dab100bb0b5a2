//go:build unix

package country

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used (user and system):
// unlike the wall clock it does not count other processes on a shared
// machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
