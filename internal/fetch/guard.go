package fetch

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"
)

// ErrRefused is matched, with errors.Is, by the error of a request that
// was refused because of the address it would have connected to.
var ErrRefused = errors.New("address refused")

// refusal is the reason one address may not be dialed.
type refusal struct {
	addr netip.Addr
	kind string // with its article: "a loopback", "an unspecified"
}

func (r *refusal) Error() string {
	return fmt.Sprintf("refused: %s is %s address (allow with --allow-private)", r.addr, r.kind)
}

func (r *refusal) Is(target error) bool { return target == ErrRefused }

// control is the dialer's last word before a connection is made: address
// is the resolved "ip:port" about to be dialed, so that neither a host
// name resolving to a private address nor a redirect can get past it.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	if c.opt.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		// The dialer always passes a literal address; refuse what we cannot check.
		return fmt.Errorf("refused: cannot check address %q: %w", address, ErrRefused)
	}
	if c.allow != nil && c.allow(ap) {
		return nil
	}
	if kind := classify(ap.Addr()); kind != "" {
		return &refusal{addr: ap.Addr(), kind: kind}
	}
	return nil
}

// classify says what kind of non-public address a is, with its article,
// or "" when a is a public address that may be dialed. IPv4-mapped IPv6
// addresses are judged as the IPv4 address they carry, which is where a
// dual-stack socket would connect.
func classify(a netip.Addr) string {
	a = a.WithZone("").Unmap()
	switch {
	case !a.IsValid():
		return "an invalid"
	case a.IsUnspecified():
		return "an unspecified"
	case a.IsLoopback():
		return "a loopback"
	case a.IsPrivate():
		return "a private"
	case a.IsLinkLocalUnicast():
		return "a link-local"
	case a.IsMulticast():
		return "a multicast"
	}
	if a.Is4() {
		b := a.As4()
		switch {
		case b[0] == 0:
			// 0.0.0.0/8 is "this network": Linux connects 0.x.y.z to the local host.
			return "an unspecified"
		case b[0] == 100 && b[1]&0xC0 == 64:
			return "a carrier-grade NAT (100.64.0.0/10)"
		case b == [4]byte{255, 255, 255, 255}:
			return "a broadcast"
		}
	}
	return ""
}
