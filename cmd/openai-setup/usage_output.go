package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/usage"
	"github.com/shopspring/decimal"
)

// usageJSON is `usage --json` (schema_version 1). Dollars are numbers
// rounded to the cent; limit_usd is the project's monthly spend limit with
// --project, when one is set and read back, else null.
type usageJSON struct {
	SchemaVersion    int              `json:"schema_version"`
	Since            string           `json:"since"`
	Until            string           `json:"until"`
	By               usage.By         `json:"by"`
	TotalUSD         json.Number      `json:"total_usd"`
	PreviousTotalUSD json.Number      `json:"previous_total_usd"`
	LimitUSD         *json.Number     `json:"limit_usd"`
	Rows             []usageJSONRow   `json:"rows"`
	Days             []usageJSONDay   `json:"days"`
	Key              *usageJSONKey    `json:"key,omitempty"`
	Hours            *[]usageJSONHour `json:"hours,omitempty"` // with --key, even when empty
}

type usageJSONRow struct {
	Group        string      `json:"group"`
	Label        string      `json:"label"`
	USD          json.Number `json:"usd"`
	Share        float64     `json:"share"`
	InputTokens  *int64      `json:"input_tokens"` // null by line item
	OutputTokens *int64      `json:"output_tokens"`
	CachedTokens *int64      `json:"cached_tokens"`
	Requests     *int64      `json:"requests"`
	ThisFolder   bool        `json:"this_folder,omitempty"`
}

type usageJSONDay struct {
	Date string      `json:"date"`
	USD  json.Number `json:"usd"`
}

type usageJSONKey struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	RedactedValue string `json:"redacted_value"`
	ProjectID     string `json:"project_id"`
	ProjectName   string `json:"project_name"`
}

type usageJSONHour struct {
	Hour         string `json:"hour"`
	Requests     int64  `json:"requests"`
	InputTokens  int64  `json:"input_tokens"`
	OutputTokens int64  `json:"output_tokens"`
	CachedTokens int64  `json:"cached_tokens"`
}

func cents(d decimal.Decimal) json.Number { return json.Number(d.StringFixed(2)) }

func usageJSONDoc(rep usage.Report, res usageResult) usageJSON {
	doc := usageJSON{SchemaVersion: 1, Since: rep.Period.Since.Format(time.DateOnly), Until: rep.Period.Until.Format(time.DateOnly),
		By: rep.By, TotalUSD: cents(rep.Total), PreviousTotalUSD: cents(rep.Previous), Rows: []usageJSONRow{}, Days: []usageJSONDay{}}
	if rep.Limit != nil {
		l := cents(*rep.Limit)
		doc.LimitUSD = &l
	}
	for _, r := range rep.Rows {
		row := usageJSONRow{Group: r.Group, Label: r.Label, USD: cents(r.USD), Share: r.Share, ThisFolder: r.ThisFolder}
		if r.HasTokens {
			row.InputTokens, row.OutputTokens, row.CachedTokens, row.Requests = &r.InputTokens, &r.OutputTokens, &r.CachedTokens, &r.Requests
		}
		doc.Rows = append(doc.Rows, row)
	}
	for _, d := range rep.Days {
		doc.Days = append(doc.Days, usageJSONDay{Date: d.Date.Format(time.DateOnly), USD: cents(d.USD)})
	}
	if k := res.key; k != nil {
		doc.Key = &usageJSONKey{ID: k.Key.ID, Name: k.Key.Name, RedactedValue: k.Key.RedactedValue, ProjectID: k.Project.ID, ProjectName: k.Project.Name}
		hours := []usageJSONHour{}
		for _, h := range res.hours {
			hours = append(hours, usageJSONHour{Hour: h.Start.Format(time.RFC3339), Requests: h.Requests,
				InputTokens: h.InputTokens, OutputTokens: h.OutputTokens, CachedTokens: h.CachedTokens})
		}
		doc.Hours = &hours
	}
	return doc
}

// writeUsageCSV writes a header and one line per group. A cell that a
// spreadsheet would run as a formula gets a leading quote.
func writeUsageCSV(w io.Writer, rep usage.Report) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"group", "label", "usd", "share", "input_tokens", "output_tokens", "cached_tokens", "requests"})
	for _, r := range rep.Rows {
		n := func(v int64) string {
			if !r.HasTokens {
				return ""
			}
			return strconv.FormatInt(v, 10)
		}
		_ = cw.Write([]string{csvCell(r.Group), csvCell(r.Label), r.USD.StringFixed(2), strconv.FormatFloat(r.Share, 'f', 4, 64),
			n(r.InputTokens), n(r.OutputTokens), n(r.CachedTokens), n(r.Requests)})
	}
	cw.Flush()
	return cw.Error()
}

func csvCell(s string) string {
	s = cell(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

// usageNotes are the lines under the numbers that keep them honest.
func usageNotes(rep usage.Report) []string {
	var notes []string
	if rep.TodayEmpty {
		notes = append(notes, "Nothing shows for today yet: usage can take a few minutes to appear.")
	}
	if l := rep.LimitLine(); l != "" {
		notes = append(notes, l)
	}
	notes = append(notes, "Prepaid balance (no API gives it): "+openai.BillingURL)
	return notes
}

func writeUsageText(w io.Writer, rep usage.Report, res usageResult, width int) {
	fmt.Fprintln(w, wrapIndent(rep.Headline(), 0, 0, width))
	fmt.Fprintln(w)
	if res.key != nil {
		writeKeyUsageText(w, rep, res, width)
	} else if len(rep.Rows) == 0 {
		fmt.Fprintln(w, "Nothing was used in this period.")
	} else {
		headers := []string{strings.ToUpper(string(rep.By)), "SPEND", "SHARE", "TOKENS IN", "TOKENS OUT", "REQUESTS"}
		marked := slices.ContainsFunc(rep.Rows, func(r usage.Row) bool { return r.ThisFolder })
		if marked {
			headers = append(headers, "")
		}
		var cells [][]string
		for _, r := range rep.Rows {
			label := cell(r.Label)
			in, out, req := "–", "–", "–"
			if r.HasTokens {
				in, out, req = groupDigits(r.InputTokens), groupDigits(r.OutputTokens), groupDigits(r.Requests)
			}
			row := []string{label, usage.Dollars(r.USD), fmt.Sprintf("%.1f%%", r.Share*100), in, out, req}
			if marked {
				row = append(row, map[bool]string{true: markThisFolder}[r.ThisFolder])
			}
			cells = append(cells, row)
		}
		writePlainTable(w, headers, cells, width)
	}
	fmt.Fprintln(w)
	for _, n := range usageNotes(rep) {
		fmt.Fprintln(w, wrapIndent(n, 0, 0, width))
	}
}

func writeKeyUsageText(w io.Writer, rep usage.Report, res usageResult, width int) {
	k := res.key
	fmt.Fprintln(w, wrapIndent(fmt.Sprintf("Key %q (%s) in %s.", cell(k.Key.Name), cell(k.Key.RedactedValue), cell(k.Project.Name)), 0, 0, width))
	if rep.Total.IsZero() && len(res.hours) == 0 {
		fmt.Fprintln(w, "This key was not used in this period: no spend, no requests.")
		return
	}
	var days [][]string
	for _, d := range rep.Days {
		days = append(days, []string{d.Date.Format(time.DateOnly), usage.Dollars(d.USD)})
	}
	writePlainTable(w, []string{"DAY (UTC)", "SPEND"}, days, width)
	fmt.Fprintln(w)
	if len(res.hours) == 0 {
		fmt.Fprintln(w, "No requests in this period.")
		return
	}
	var hours [][]string
	for _, h := range res.hours {
		hours = append(hours, []string{h.Start.Format("2006-01-02 15:04"), groupDigits(h.Requests), groupDigits(h.InputTokens), groupDigits(h.OutputTokens)})
	}
	writePlainTable(w, []string{"HOUR (UTC)", "REQUESTS", "TOKENS IN", "TOKENS OUT"}, hours, width)
}

// writePlainTable writes left-aligned columns two spaces apart; the first
// column is cut to fit width.
func writePlainTable(w io.Writer, headers []string, cells [][]string, width int) {
	widths, _ := fitColumns(headers, cells, width, []int{0})
	line := func(row []string) {
		var b strings.Builder
		for i, c := range row {
			c = usage.Clip(c, widths[i])
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-lipgloss.Width(c)+columnGap))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(headers)
	for _, r := range cells {
		line(r)
	}
}

// groupDigits writes 1234567 as "1,234,567".
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
