package wordload

// Uint64 returns s[i:i+8] as a little-endian word: byte j of it is bits
// 8j to 8j+7. With the indices constant in a slice known to be eight
// bytes long, the compiler makes it one load and one bounds check.
func Uint64(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// Uint32 returns s[i:i+4] as a little-endian word.
func Uint32(s string, i int) uint32 {
	b := s[i : i+4]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
