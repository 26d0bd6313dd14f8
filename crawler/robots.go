package crawler

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/temoto/robotstxt"
)

// UserAgentToken is the name darkaudit answers to in robots.txt.
const UserAgentToken = "darkaudit"

// robotsRules fetches and parses a site's robots.txt. A missing or unreadable
// file allows everything, as the robots.txt standard says.
func robotsRules(ctx context.Context, site *url.URL) *robotstxt.Group {
	u := url.URL{Scheme: site.Scheme, Host: site.Host, Path: "/robots.txt"}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil
	}
	req.Header.Set("User-Agent", "darkaudit (+robots)")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		return nil
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil
	}
	return data.FindGroup(UserAgentToken)
}
