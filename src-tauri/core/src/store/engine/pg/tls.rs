//! TLS to the team database, over OpenSSL, set up as libpq sets it up.
//!
//! Contract: [`Connector::encrypting`] (sslmode prefer / require) encrypts
//! without checking who answers and loads no certificate authorities;
//! [`Connector::verifying`] (verify-ca / verify-full) trusts the system's
//! authorities and the given root certificate and checks the server's name.
//! Loading the system's authorities costs OpenSSL 3 about 20 ms, which every
//! `factdesk` command paid twice before (once per TLS library layer) though
//! nothing was checked against them; a team desk's commands now cost what
//! the server takes to answer. The channel binding (tls-server-end-point)
//! lets SCRAM bind the password exchange to the TLS session. Both lead with
//! a P-256 key share, which every PostgreSQL server takes at once.

use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::ssl::{Ssl, SslContext, SslContextBuilder, SslMethod, SslVerifyMode};
use openssl::x509::X509;
use postgres::tls::{ChannelBinding, MakeTlsConnect, TlsConnect, TlsStream};
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, BufReader, ReadBuf};
use tokio_openssl::SslStream;

use crate::error::Unverified;

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// Makes the TLS session of each connection.
#[derive(Clone)]
pub struct Connector {
    context: SslContext,
    verify: bool,
}

impl Connector {
    /// Encrypts and checks nothing (sslmode prefer and require).
    pub fn encrypting() -> Result<Connector, Failure> {
        let mut context = client_context()?;
        context.set_verify(SslVerifyMode::NONE);
        Ok(Connector {
            context: context.build(),
            verify: false,
        })
    }

    /// Checks the server's certificate against the system's authorities
    /// and `root` (PEM), and its name (sslmode verify-ca and verify-full).
    pub fn verifying(root: Option<&[u8]>) -> Result<Connector, Failure> {
        let mut context = client_context()?;
        context.set_default_verify_paths()?;
        if let Some(pem) = root {
            for cert in X509::stack_from_pem(pem)? {
                context.cert_store_mut().add_cert(cert)?;
            }
        }
        context.set_verify(SslVerifyMode::PEER);
        Ok(Connector {
            context: context.build(),
            verify: true,
        })
    }
}

/// A client context whose first key share is one the server takes.
/// PostgreSQL up to 17 offers only P-256 for the key exchange
/// (`ssl_ecdh_curve`); OpenSSL's client sends an X25519 share first, which
/// such a server answers by asking for another (a HelloRetryRequest): a
/// key made for nothing and a round trip more per command, on a network as
/// long as the way to the server and back. Servers that prefer X25519
/// (PostgreSQL 18) still take a P-256 share.
fn client_context() -> Result<SslContextBuilder, Failure> {
    let mut context = SslContext::builder(SslMethod::tls_client())?;
    context.set_groups_list("P-256:X25519")?;
    Ok(context)
}

impl<S> MakeTlsConnect<S> for Connector
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = Stream<S>;
    type TlsConnect = Handshake;
    type Error = Failure;

    fn make_tls_connect(&mut self, domain: &str) -> Result<Handshake, Failure> {
        let mut ssl = Ssl::new(&self.context)?;
        if domain.parse::<std::net::IpAddr>().is_err() {
            ssl.set_hostname(domain)?;
        }
        if self.verify {
            let param = ssl.param_mut();
            match domain.parse::<std::net::IpAddr>() {
                Ok(ip) => param.set_ip(ip)?,
                Err(_) => param.set_host(domain)?,
            }
        }
        Ok(Handshake { ssl })
    }
}

/// One connection's TLS handshake.
pub struct Handshake {
    ssl: Ssl,
}

impl<S> TlsConnect<S> for Handshake
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = Stream<S>;
    type Error = Failure;
    type Future = Pin<Box<dyn Future<Output = Result<Stream<S>, Failure>> + Send>>;

    fn connect(self, stream: S) -> Self::Future {
        Box::pin(async move {
            let mut stream = SslStream::new(self.ssl, BufReader::with_capacity(8192, stream))?;
            Pin::new(&mut stream).connect().await.map_err(|e| {
                let verified = stream.ssl().verify_result();
                if verified == openssl::x509::X509VerifyResult::OK {
                    return Box::new(e) as Failure;
                }
                tracing::warn!("the team database's certificate was refused: {verified}");
                // X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH
                Box::new(Unverified {
                    other_name: matches!(verified.as_raw(), 62 | 64),
                })
            })?;
            Ok(Stream(stream))
        })
    }
}

/// A connection's encrypted stream.
pub struct Stream<S>(SslStream<BufReader<S>>);

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for Stream<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for Stream<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> TlsStream for Stream<S> {
    /// tls-server-end-point (RFC 5929): the server certificate's hash with
    /// its signature's digest, SHA-256 in place of MD5 and SHA-1.
    fn channel_binding(&self) -> ChannelBinding {
        let Some(cert) = self.0.ssl().peer_certificate() else {
            return ChannelBinding::none();
        };
        let digest = cert
            .signature_algorithm()
            .object()
            .nid()
            .signature_algorithms()
            .and_then(|algorithms| match algorithms.digest {
                Nid::MD5 | Nid::SHA1 => MessageDigest::from_nid(Nid::SHA256),
                nid => MessageDigest::from_nid(nid),
            });
        match digest.and_then(|d| cert.digest(d).ok()) {
            Some(hash) => ChannelBinding::tls_server_end_point(hash.to_vec()),
            None => ChannelBinding::none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::client_context;
    use openssl::asn1::Asn1Time;
    use openssl::ec::{EcGroup, EcKey};
    use openssl::hash::MessageDigest;
    use openssl::nid::Nid;
    use openssl::pkey::PKey;
    use openssl::ssl::{ClientHelloResponse, Ssl, SslAcceptor, SslContext, SslMethod, SslVerifyMode};
    use openssl::x509::{X509NameBuilder, X509};
    use std::os::unix::net::UnixStream;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// A server that takes only P-256 for the key exchange, as PostgreSQL
    /// up to 17 does, counting the ClientHellos of one handshake with a
    /// client made from `client`.
    fn hellos_against_a_p256_server(client: SslContext) -> usize {
        let key = PKey::from_ec_key(
            EcKey::generate(&EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap()).unwrap(),
        )
        .unwrap();
        let mut name = X509NameBuilder::new().unwrap();
        name.append_entry_by_nid(Nid::COMMONNAME, "localhost").unwrap();
        let name = name.build();
        let mut cert = X509::builder().unwrap();
        cert.set_subject_name(&name).unwrap();
        cert.set_issuer_name(&name).unwrap();
        cert.set_pubkey(&key).unwrap();
        cert.set_not_before(&Asn1Time::days_from_now(0).unwrap()).unwrap();
        cert.set_not_after(&Asn1Time::days_from_now(1).unwrap()).unwrap();
        cert.sign(&key, MessageDigest::sha256()).unwrap();
        let mut server = SslAcceptor::mozilla_modern_v5(SslMethod::tls_server()).unwrap();
        server.set_private_key(&key).unwrap();
        server.set_certificate(&cert.build()).unwrap();
        server.set_groups_list("P-256").unwrap();
        let hellos = Arc::new(AtomicUsize::new(0));
        let counted = hellos.clone();
        server.set_client_hello_callback(move |_, _| {
            counted.fetch_add(1, Ordering::SeqCst);
            Ok(ClientHelloResponse::SUCCESS)
        });
        let server = server.build();
        let (near, far) = UnixStream::pair().unwrap();
        let answering = std::thread::spawn(move || server.accept(far).map(|_| ()).is_ok());
        let mut ssl = Ssl::new(&client).unwrap();
        ssl.set_verify(SslVerifyMode::NONE);
        let connected = ssl.connect(near);
        assert!(connected.is_ok(), "{:?}", connected.err());
        assert!(answering.join().unwrap(), "the server finished its handshake");
        hellos.load(Ordering::SeqCst)
    }

    #[test]
    fn a_p256_server_takes_the_first_key_share() {
        assert_eq!(hellos_against_a_p256_server(client_context().unwrap().build()), 1);
        // OpenSSL's own client leads with X25519, which such a server
        // answers by asking for another hello: what the context spares.
        let default = SslContext::builder(SslMethod::tls_client()).unwrap().build();
        assert_eq!(hellos_against_a_p256_server(default), 2);
    }
}
