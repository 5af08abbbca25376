"""政策兑现: policies edited by the office, entitlements computed from the data, claimed, reviewed,
announced and paid online."""
