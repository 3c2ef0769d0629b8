package checks

import (
	"fmt"
	"time"
)

// apiRetryText says when to retry, for a rate-limit summary.
func apiRetryText(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	if d < time.Second {
		return fmt.Sprintf("; retry after %s", d.Round(time.Millisecond))
	}
	return fmt.Sprintf("; retry after %s", d.Round(time.Second))
}
