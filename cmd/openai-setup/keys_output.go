package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/openai"
)

// keysJSON is `keys --json` (schema_version 1). Times are RFC 3339 UTC;
// last_used_at is null for a key never used.
type keysJSON struct {
	SchemaVersion int           `json:"schema_version"`
	Keys          []keyJSONItem `json:"keys"`
}

type keyJSONItem struct {
	ProjectID     string      `json:"project_id"`
	ProjectName   string      `json:"project_name"`
	ID            string      `json:"id"`
	Name          string      `json:"name"`
	RedactedValue string      `json:"redacted_value"`
	OwnerType     string      `json:"owner_type"`
	Owner         string      `json:"owner"`
	CreatedAt     string      `json:"created_at"`
	LastUsedAt    *string     `json:"last_used_at"`
	ThisFolder    folderMatch `json:"this_folder"`
}

func jsonRows(rows []keyRow) []keyJSONItem {
	out := make([]keyJSONItem, len(rows))
	for i, r := range rows {
		out[i] = keyJSONItem{
			ProjectID: r.Project.ID, ProjectName: r.Project.Name, ID: r.Key.ID, Name: r.Key.Name,
			RedactedValue: r.Key.RedactedValue, OwnerType: r.Key.Owner.Type, Owner: r.Key.Owner.Label(),
			CreatedAt: rfc3339(r.Key.CreatedAt), ThisFolder: r.Folder,
		}
		if !r.Key.LastUsedAt.IsZero() {
			s := rfc3339(r.Key.LastUsedAt)
			out[i].LastUsedAt = &s
		}
	}
	return out
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// writeKeysTSV is the piped form: a header, then one tab-separated line per
// key, times in RFC 3339 ("never" for an unused key).
func writeKeysTSV(w io.Writer, rows []keyRow) {
	fmt.Fprintln(w, "project\tproject_id\tname\tkey\towner\tcreated\tlast_used\tthis_folder")
	for _, r := range rows {
		last := "never"
		if !r.Key.LastUsedAt.IsZero() {
			last = rfc3339(r.Key.LastUsedAt)
		}
		fmt.Fprintln(w, strings.Join([]string{cell(r.Project.Name), r.Project.ID, cell(r.Key.Name), cell(r.Key.RedactedValue),
			cell(r.Key.Owner.Label()), rfc3339(r.Key.CreatedAt), last, string(r.Folder)}, "\t"))
	}
}

// writeKeysTable is the terminal form: a table that fits the width, the
// folder's key marked, and a line on what the marks mean.
func writeKeysTable(w io.Writer, rows []keyRow, folder folderResult, width int) {
	now := time.Now()
	if len(rows) == 0 {
		fmt.Fprintln(w, "No API keys in the projects listed.")
		return
	}
	headers := []string{"PROJECT", "NAME", "KEY", "OWNER", "CREATED", "LAST USED", ""}
	var cells [][]string
	for _, r := range rows {
		last := "never"
		if !r.Key.LastUsedAt.IsZero() {
			last = admin.Ago(r.Key.LastUsedAt, now)
		}
		mark := ""
		switch r.Folder {
		case folderYes:
			mark = markThisFolder
		case folderAmbiguous:
			mark = markThisFolder + "?"
		}
		cells = append(cells, []string{cell(r.Project.Name), cell(r.Key.Name), cell(r.Key.RedactedValue), cell(r.Key.Owner.Label()),
			r.Key.CreatedAt.UTC().Format("2006-01-02"), last, mark})
	}
	widths, fits := fitColumns(headers, cells, width, keysShrinkable)
	if !fits { // a narrow terminal: CREATED goes (the JSON and piped forms keep it)
		headers = slices.Delete(headers, keysCreatedColumn, keysCreatedColumn+1)
		for i := range cells {
			cells[i] = slices.Delete(cells[i], keysCreatedColumn, keysCreatedColumn+1)
		}
		widths, _ = fitColumns(headers, cells, width, keysShrinkable)
	}
	t := table.New().Border(lipgloss.NormalBorder()).BorderColumn(false).BorderLeft(false).BorderRight(false).
		BorderTop(false).BorderBottom(false).
		StyleFunc(func(row, col int) lipgloss.Style {
			s := lipgloss.NewStyle().Width(widths[col])
			if col < len(widths)-1 {
				s = s.PaddingRight(columnGap).Width(widths[col] + columnGap)
			}
			if row == table.HeaderRow {
				s = s.Bold(true)
			}
			return s
		}).
		Headers(headers...).Rows(cells...)
	fmt.Fprintln(w, t.Render())
	switch {
	case folder.Key.IsZero():
	case folder.Matches == 1:
		fmt.Fprintln(w, wrapIndent(fmt.Sprintf("%s: this folder's %s (%s), matched by its start and last four characters.",
			markThisFolder, openai.EnvAPIKey, folder.Key.Fingerprint()), 0, 0, width))
	case folder.Matches == 0:
		fmt.Fprintln(w, wrapIndent(fmt.Sprintf("This folder's %s (%s) is none of these keys.", openai.EnvAPIKey, folder.Key.Fingerprint()), 0, 0, width))
	case folder.Matches > 1:
		fmt.Fprintln(w, wrapIndent(fmt.Sprintf("%d keys show the same start and last four characters as this folder's %s (%s): the listing cannot tell which one it is.",
			folder.Matches, openai.EnvAPIKey, folder.Key.Fingerprint()), 0, 0, width))
	}
}

// columnGap is the space between columns.
const columnGap = 2

// keysShrinkable are the columns that wrap when the table is too wide:
// project, name and owner. The key, dates and mark never wrap.
var keysShrinkable = []int{0, 1, 3}

// keysCreatedColumn is left out when even the shrunk table is too wide.
const keysCreatedColumn = 4

// fitColumns returns each column's width: its widest cell, then, while the
// table is wider than width, the widest shrinkable column loses a column,
// down to minColumn. fits is false when the table is still too wide.
// width <= 0 means no limit.
func fitColumns(headers []string, rows [][]string, width int, shrinkable []int) (widths []int, fits bool) {
	const minColumn = 8
	widths = make([]int, len(headers))
	for i, h := range headers {
		widths[i] = lipgloss.Width(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], lipgloss.Width(c))
		}
	}
	total := func() int {
		n := columnGap * (len(widths) - 1)
		for _, w := range widths {
			n += w
		}
		return n
	}
	for width > 0 && total() > width {
		widest := -1
		for _, i := range shrinkable {
			if widths[i] > minColumn && (widest < 0 || widths[i] > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			return widths, false
		}
		widths[widest]--
	}
	return widths, true
}

// markThisFolder is short so the column stays narrow; a line under the
// table says what it means.
const markThisFolder = "← this folder"

// cell makes text from the API safe to print in one cell: no control
// characters (a name could carry terminal escapes), nothing key-shaped.
func cell(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	return apikey.Scrub(s)
}
