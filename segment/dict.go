package segment

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

//go:generate go run ./internal/gendict -o dict.bin

// dictBin is gse's simplified-Chinese dictionary ("zh_s", as LoadDictEmbed
// loads it), compiled by internal/gendict into a double-array trie with each
// word's path length and tag. It is stored uncompressed: git compresses it
// anyway, and decoding it takes milliseconds where inflating took 90.
//
//go:embed dict.bin
var dictBin string

// dictMagic starts dict.bin; internal/gendict writes it.
const dictMagic = "cnie-gse-da-v3\n"

// Slot labels (see internal/gendict): a byte moves to the slot labelled with
// it, a word ends at its node's slot labelled terminal.
const (
	terminal = 0x00
	free     = 0xFF
)

// dict is a compiled gse dictionary. Node s of the trie moves on byte c to
// t = base[s]+c when label[t] == c; the slot t = base[s] with
// label[t] == terminal marks a word whose token index is base[t]. Bases are
// distinct, so a label proves which node owns its slot, and every base leaves
// room for 256 slots, so no step can leave the arrays.
type dict struct {
	base     []int32
	label    string    // one byte a slot, a view of the embedded data
	pos      string    // each token's tag, as an index into posNames
	dist     []float32 // gse's path length of each token
	posNames []string
	maxUnits int    // the longest word, in gse's text units
	source   string // where the data come from: "gse v0.80.3 zh_s"
}

// DictSource names the data of the embedded dictionary: the gse version
// whose embedded dictionary internal/gendict compiled, and which one
// ("gse v0.80.3 zh_s"). cnie no longer links gse itself, so this is the gse
// version a build's segmentation is that of. It reads only dict.bin's header.
func DictSource() string {
	r := reader{b: dictBin, at: len(dictMagic)}
	if len(dictBin) < len(dictMagic) || dictBin[:len(dictMagic)] != dictMagic {
		return "unknown"
	}
	if src := r.bytes(int(r.u32())); r.err == nil {
		return src
	}
	return "unknown"
}

// loadDict decodes a compiled dictionary.
func loadDict(bin string) (*dict, error) {
	d, err := parseDict(bin)
	if err != nil {
		return nil, fmt.Errorf("segment: dict.bin: %w (run go generate ./segment)", err)
	}
	return d, nil
}

func parseDict(bin string) (*dict, error) {
	if len(bin) < len(dictMagic) || bin[:len(dictMagic)] != dictMagic {
		return nil, errors.New("not a compiled dictionary of this version")
	}
	r := reader{b: bin, at: len(dictMagic)}
	source := r.bytes(int(r.u32()))
	nSlots, nTok, maxUnits, nPos := int(r.u32()), int(r.u32()), int(r.u32()), int(r.u32())
	d := &dict{source: source, maxUnits: maxUnits}
	for i := 0; i < nPos && r.err == nil; i++ {
		d.posNames = append(d.posNames, r.bytes(int(r.u32())))
	}
	r.bytes((4 - r.at%4) % 4)
	d.base = r.i32s(nSlots)
	d.label = r.bytes(nSlots)
	d.pos = r.bytes(nTok)
	dist := r.i32s(nTok)
	if r.err != nil {
		return nil, r.err
	}
	if r.at != len(bin) {
		return nil, fmt.Errorf("%d bytes left over", len(bin)-r.at)
	}
	d.dist = make([]float32, len(dist))
	for i, v := range dist {
		d.dist[i] = math.Float32frombits(uint32(v))
	}
	for i := 0; i < len(d.pos); i++ {
		if int(d.pos[i]) >= len(d.posNames) {
			return nil, fmt.Errorf("token %d: tag %d out of range", i, d.pos[i])
		}
	}
	// A trie that could step out of its arrays or name a token that is not
	// there is corrupt; check once here so that cutting needs no checks.
	for t, b := range d.base {
		switch l := d.label[t]; {
		case l == free:
		case l == terminal && t != 0:
			if b < 0 || int(b) >= len(d.dist) {
				return nil, fmt.Errorf("slot %d: token %d out of range", t, b)
			}
		default:
			if b < 1 || int(b)+255 >= len(d.base) {
				return nil, fmt.Errorf("slot %d: base %d out of range", t, b)
			}
		}
	}
	return d, nil
}

// reader decodes little-endian fields, remembering the first error.
type reader struct {
	b   string
	at  int
	err error
}

func (r *reader) bytes(n int) string {
	if r.err != nil || n < 0 || n > len(r.b)-r.at {
		if r.err == nil {
			r.err = fmt.Errorf("truncated at byte %d", r.at)
		}
		return ""
	}
	b := r.b[r.at : r.at+n]
	r.at += n
	return b
}

func (r *reader) u32() uint32 {
	b := r.bytes(4)
	if r.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint32([]byte{b[0], b[1], b[2], b[3]})
}

func (r *reader) i32s(n int) []int32 {
	b := r.bytes(4 * n)
	if r.err != nil {
		return nil
	}
	v := make([]int32, n)
	for i := range v {
		j := 4 * i
		v[i] = int32(uint32(b[j]) | uint32(b[j+1])<<8 | uint32(b[j+2])<<16 | uint32(b[j+3])<<24)
	}
	return v
}

// walk returns the node that key leads to from the root, or -1.
func (d *dict) walk(key string) int32 {
	s := int32(0)
	for i := 0; i < len(key); i++ {
		c := key[i]
		t := d.base[s] + int32(c)
		if d.label[t] != c || c == terminal || c == free {
			return -1
		}
		s = t
	}
	return s
}

// token returns the token index of the word that ends at node s, or -1.
func (d *dict) token(s int32) int32 {
	if t := d.base[s]; d.label[t] == terminal {
		return d.base[t]
	}
	return -1
}

// extended reports whether node s has a child byte: a longer word or prefix
// goes on from it.
func (d *dict) extended(s int32) bool {
	b := d.base[s]
	for c := int32(1); c < free; c++ {
		if d.label[b+c] == byte(c) {
			return true
		}
	}
	return false
}
