// Package fetch downloads web pages and feeds from addresses that come
// from untrusted places: command lines, feeds, redirects chosen by remote
// servers.
//
// A Client refuses by default to connect to loopback, private, link-local,
// unspecified, multicast and carrier-grade NAT addresses, so that a feed
// or a redirect cannot make stemma reach services on the machine or the
// network it runs in. The check is made on the address actually dialed,
// after name resolution, which also defeats DNS rebinding; proxies from
// the environment are not used, because the check would then see only
// the proxy's address. Bodies are bounded in size (after decompression)
// and every request in time.
//
// Get supports conditional requests (ETag and Last-Modified), which the
// feed poller uses to avoid downloading unchanged feeds.
package fetch
