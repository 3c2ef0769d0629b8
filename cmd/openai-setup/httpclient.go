package main

import (
	"errors"
	"net/http"
	"time"
)

// newHTTPClient is the client every API check uses: proxies from the
// environment (as the official SDKs do), a hard timeout, and no redirect that
// would carry the key to another host.
func newHTTPClient(timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSHandshakeTimeout = min(timeout, 10*time.Second)
	tr.ResponseHeaderTimeout = timeout
	return &http.Client{
		Timeout:   timeout,
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > 0 && req.URL.Host != via[0].URL.Host {
				return errors.New("refusing a redirect to another host: the API key is sent only to the base URL")
			}
			if len(via) >= 3 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
}
