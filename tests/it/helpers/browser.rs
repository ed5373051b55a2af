//! A person's browser: its own cookies, and forms posted the way a browser posts them (with
//! the site's `Origin`).

use reqwest::StatusCode;
use scraper::Html;

/// One person's browser.
#[derive(Clone)]
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

/// A response read as a page.
pub struct Response {
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: reqwest::header::HeaderMap,
    pub html: Html,
    pub body: String,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            // The server closes a connection idle for MEDSPIL_HEADER_TIMEOUT (10 s); a client
            // that reuses one just then gets a broken request. Under load from other work, a
            // person made early in a test can sit idle that long: drop idle connections first.
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
            .build()
            .unwrap();
        Browser {
            client,
            base: base.to_string(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    async fn read(response: reqwest::Response) -> Response {
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        let headers = response.headers().clone();
        let body = response.text().await.unwrap();
        Response {
            status,
            location,
            headers,
            html: Html::parse_document(&body),
            body,
        }
    }

    /// Opens `path`.
    pub async fn get(&self, path: &str) -> Response {
        Self::read(self.client.get(self.url(path)).send().await.expect("GET")).await
    }

    /// Submits a form on this site.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Response {
        let request = self
            .client
            .post(self.url(path))
            .header("origin", &self.base)
            .form(form);
        Self::read(request.send().await.expect("POST")).await
    }

    /// Submits a form with a file in it (`multipart/form-data`), as a browser does.
    pub async fn post_multipart(&self, path: &str, form: reqwest::multipart::Form) -> Response {
        let request = self
            .client
            .post(self.url(path))
            .header("origin", &self.base)
            .multipart(form);
        Self::read(request.send().await.expect("POST")).await
    }

    /// Submits a form, with extra headers (a forwarding proxy, another origin).
    pub async fn post_with(
        &self,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Response {
        let mut request = self.client.post(self.url(path)).form(form);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        Self::read(request.send().await.expect("POST")).await
    }
}

impl Response {
    /// Asserts that this answered 200 and is the page expected (its one `h1` reads `h1`), and
    /// returns the page: checked before saying something is *not* shown, so that an error page
    /// cannot pass for a page without it.
    #[track_caller]
    pub fn expect_page(&self, h1: &str) -> &Html {
        super::page_titled(self.status, &self.body, h1);
        &self.html
    }
}
