"""CCHC: administrative-reform plans for Vietnamese communes, wards and provinces."""
