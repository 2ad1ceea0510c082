"""The Messages screen: drafts made of mail, chat and phone calls, confirmed in one tap."""
