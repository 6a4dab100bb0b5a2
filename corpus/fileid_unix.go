//go:build unix

package corpus

import (
	"io/fs"
	"syscall"
)

// fileID identifies a file or folder on its device, whatever path reaches it.
type fileID struct{ dev, ino uint64 }

func idOf(fi fs.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}
