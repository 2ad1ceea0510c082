"""ERP write-back screens: postings the ERP refused, and what a supervisor decides."""
