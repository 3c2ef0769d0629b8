package main

import (
	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
)

// folderMatch says whether a listed key is the one this folder uses.
type folderMatch string

const (
	folderNo        folderMatch = "no"
	folderYes       folderMatch = "yes"
	folderAmbiguous folderMatch = "ambiguous" // several listed keys show the same ends
)

// folderResult is what the listing says about this folder's key.
type folderResult struct {
	Key     apikey.Key // this folder's OPENAI_API_KEY, cleaned; zero if none
	Matches int
}

// matchThisFolder marks the rows whose redacted value fits this folder's key
// (as doctor's discovery finds it). One fit is a match; several are all
// marked ambiguous, never one of them picked.
func matchThisFolder(rows []keyRow, raw apikey.Key) folderResult {
	cleaned, _ := apikey.Clean(raw.Reveal())
	res := folderResult{Key: apikey.New(cleaned)}
	for i := range rows {
		rows[i].Folder = folderNo
		if !res.Key.IsZero() && admin.MatchesRedacted(res.Key, rows[i].Key.RedactedValue) {
			rows[i].Folder = folderYes
			res.Matches++
		}
	}
	if res.Matches > 1 {
		for i := range rows {
			if rows[i].Folder == folderYes {
				rows[i].Folder = folderAmbiguous
			}
		}
	}
	return res
}
